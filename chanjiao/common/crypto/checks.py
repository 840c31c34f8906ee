"""``chanjiao check --deploy``: personal data must be encrypted under keys the operator holds."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from chanjiao.common.crypto.keys import KeyRingError, key_ring


@register(Tags.security, deploy=True)
def data_keys_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when the SM4 key ring is the generated development one; fail when it is unreadable."""
    if not (settings.CHANJIAO_DATA_KEYS or settings.CHANJIAO_DATA_KEYS_FILE):
        return [
            Warning(
                "没有配置个人信息加密密钥（CHANJIAO_DATA_KEYS 或 CHANJIAO_DATA_KEYS_FILE）："
                "平台会在数据目录下生成开发用密钥文件，它和数据库放在一起，备份也会一起带走。",
                hint="用 chanjiao rotate_data_keys --new-ring 生成密钥环，保存在数据库和备份以外"
                "（密钥管理系统或只有平台账号可读的文件），设置 CHANJIAO_DATA_KEYS_FILE 指向它。",
                id="chanjiao.W003",
            )
        ]
    try:
        key_ring()
    except KeyRingError as exc:
        return [Error(str(exc), id="chanjiao.E003")]
    return []
