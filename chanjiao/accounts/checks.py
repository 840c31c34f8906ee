"""``chanjiao check --deploy``: the identity settings a level-3 (等保 2.0) deployment must keep."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security, deploy=True)
def identity_settings_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn where a production setting weakens sign-in below GB/T 22239-2019 8.1.4.1."""
    found: list[CheckMessage] = []
    if not getattr(settings, "CHANJIAO_SECOND_FACTOR_REQUIRED", True):
        found.append(
            Warning(
                "CHANJIAO_SECOND_FACTOR_REQUIRED 已关闭：平台管理员、政府管理员和审核员登录时"
                "不再需要动态口令。",
                hint="等保 2.0 三级要求特权账号使用两种以上鉴别方式；请删除该环境变量或设为 1。",
                id="chanjiao.W001",
            )
        )
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not getattr(
        settings, "CHANJIAO_TRUSTED_PROXIES", None
    ):
        found.append(
            Warning(
                "平台运行在反向代理之后，但没有配置 CHANJIAO_TRUSTED_PROXIES：所有访问者的地址都会"
                "被当作代理的地址，按地址锁定和审计日志的来源地址都会失真。",
                hint="把反向代理的地址（或网段）写入 CHANJIAO_TRUSTED_PROXIES，用逗号分隔。",
                id="chanjiao.W002",
            )
        )
    return found
