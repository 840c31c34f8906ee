"""A person's own sign-in history, read from the audit log and told in plain Chinese words."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditEvent, AuditResult

SECOND_FACTOR_PREFIX = "auth.second_factor."
ACTION_WORDS = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录（密码错误）",
    "auth.lockout": "登录失败次数过多，暂停登录",
    "auth.lockout.cleared": "重置密码后解除登录锁定",
}
# Events without an actor that name the typed username in ``changes.username``.
TYPED_USERNAME_ACTIONS = ("auth.login_failed", "auth.lockout", "auth.lockout.cleared")
# The last part of ``auth.second_factor.<step>`` (chanjiao.accounts.two_factor).
SECOND_FACTOR_WORDS = {
    "setup": "开启二次验证",
    "setup_failed": "开启二次验证",
    "verified": "二次验证",
    "failed": "二次验证",
    "throttled": "二次验证尝试过多，暂停验证",
    "recovery_used": "使用备用验证码登录",
    "recovery_regenerated": "重新生成备用验证码",
    "disable": "关闭二次验证",
    "disabled": "关闭二次验证",
}
RESULT_WORDS = dict(AuditResult.choices)


@dataclass(frozen=True)
class LoginRecord:
    """One sign-in event as the person sees it."""

    occurred_at: datetime
    what: str
    result: str
    address: str
    device: str


def login_events(*, user: User) -> QuerySet[AuditEvent]:
    """Return the user's own sign-ins, sign-outs, failed sign-ins and second-factor steps."""
    own = Q(actor_id=user.pk) & (
        Q(action__in=["auth.login", "auth.logout"]) | Q(action__startswith=SECOND_FACTOR_PREFIX)
    )
    typed = Q(
        action__in=TYPED_USERNAME_ACTIONS, actor__isnull=True, changes__username=user.username
    )
    return AuditEvent.objects.filter(own | typed).order_by("-occurred_at", "-pk")


def _action_words(action: str) -> str:
    if action.startswith(SECOND_FACTOR_PREFIX):
        return SECOND_FACTOR_WORDS.get(action.removeprefix(SECOND_FACTOR_PREFIX), "二次验证")
    return ACTION_WORDS.get(action, "账号安全操作")


def _device_words(user_agent: str) -> str:
    agent = user_agent.lower()
    if not agent:
        return "未知设备"
    if "micromessenger" in agent:
        return "微信内打开"
    if any(word in agent for word in ("iphone", "android", "mobile", "harmonyos")):
        return "手机"
    if "ipad" in agent or "tablet" in agent:
        return "平板电脑"
    if agent == "命令行":
        return "服务器命令行"
    return "电脑"


def login_record(event: AuditEvent) -> LoginRecord:
    """Describe one audit event in plain words, with the time in China's time zone."""
    return LoginRecord(
        occurred_at=timezone.localtime(event.occurred_at),
        what=_action_words(event.action),
        result=RESULT_WORDS.get(event.result, "未知"),
        address=event.ip_address or "未知",
        device=_device_words(event.user_agent),
    )
