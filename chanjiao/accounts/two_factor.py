"""Second factor (GB/T 22239-2019 8.1.4.1 d: 两种或两种以上组合的鉴别技术).

After the password, a privileged user (``user_is_privileged``) proves possession of a phone
with a time-based one-time code (TOTP, RFC 6238; ``django_otp`` ``TOTPDevice``) or one of ten
recovery codes (``StaticDevice``, each usable once, shown once). Others may turn it on; once a
user has a confirmed device, every sign-in asks for it. ``middleware.AccountSecurityMiddleware``
enforces it when ``CHANJIAO_SECOND_FACTOR_REQUIRED`` is on.

Set-up, each verification (success and failure), the use of a recovery code, new recovery codes
and turning the second factor off are written to the audit log (``auth.second_factor.*``); wrong
codes are limited per account (``CHANJIAO_SECOND_FACTOR_FAILURE_LIMIT`` per
``CHANJIAO_SECOND_FACTOR_FAILURE_WINDOW_MINUTES``), counted from that log.
"""

import base64
import re
import secrets
import time
from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

ISSUER = "产教融合平台"
DEVICE_NAME = "动态口令"
RECOVERY_DEVICE_NAME = "恢复码"
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: the codes are read off paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_TOTP_CODE = re.compile(r"\d{6}")
_PRIVILEGED_ROLES = (Role.GOV_ADMIN, Role.REVIEWER)

FAILED_ACTION = "auth.second_factor.failed"


def user_is_privileged(user: "User | AnonymousUser") -> bool:
    """Tell whether the account holds rights over others: second factor and password expiry apply.

    Platform staff (any 三员 administrator role) and the 政府管理员 and 审核员 of a government body.
    """
    if not user.is_authenticated or not isinstance(user, User):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(
        m.role in _PRIVILEGED_ROLES and m.organization.org_type == "government"
        for m in active_memberships(user)
    )


def second_factor_enforced() -> bool:
    """Tell whether the second factor is enforced (``CHANJIAO_SECOND_FACTOR_REQUIRED``)."""
    return bool(getattr(settings, "CHANJIAO_SECOND_FACTOR_REQUIRED", True))


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    """Return the user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def second_factor_needed(user: "User | AnonymousUser") -> bool:
    """Tell whether signing in as this user takes a second factor (privileged, or turned on)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    return user_is_privileged(user) or totp_device_confirmed(user) is not None


def session_verified(user: "User | AnonymousUser") -> bool:
    """Tell whether this request's session has passed the second factor (django-otp)."""
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return bool(is_verified()) if callable(is_verified) else False


def totp_device_pending(user: User) -> TOTPDevice:
    """Return the authenticator being set up (not yet confirmed), creating it with a new secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    """Return the device's secret in base32, as authenticator apps take it (no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def totp_secret_groups(device: TOTPDevice) -> str:
    """Return the secret in groups of four, for typing it in by hand."""
    secret = totp_secret_base32(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_provisioning_uri(device: TOTPDevice) -> str:
    """Return the ``otpauth://`` address an authenticator app reads from the QR code."""
    issuer = quote(ISSUER, safe="")
    label = f"{issuer}:{quote(device.user.get_username(), safe='')}"
    return (
        f"otpauth://totp/{label}?secret={totp_secret_base32(device)}&issuer={issuer}"
        f"&algorithm=SHA1&digits={device.digits}&period={device.step}"
    )


def totp_qr_svg(uri: str) -> str:
    """Return the QR code of ``uri`` as inline SVG."""
    qr = segno.make(uri, error="m")
    return str(
        qr.svg_inline(
            scale=4, border=2, title="动态口令设置二维码", svgclass="totp-qr", lineclass=None
        )
    )


def _normalize(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _recovery_code() -> str:
    return "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(8))


def recovery_code_display(code: str) -> str:
    """Return a recovery code as shown on paper (``abcd-efgh``)."""
    return f"{code[:4]}-{code[4:]}"


def _recovery_codes_replace(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [recovery_code_display(code) for code in codes]


def recovery_codes_left(user: User) -> int:
    """Return how many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_setup_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm a new authenticator with its first code; return the ten new recovery codes.

    The new authenticator replaces any earlier one; the recovery codes are shown once.
    """
    if device.user_id != user.pk or device.confirmed:
        raise ApplicationError("设置已失效，请重新打开设置页面。")
    normalized = _normalize(code)
    if not _TOTP_CODE.fullmatch(normalized) or not device.verify_token(normalized):
        audit_event_record(
            actor=user,
            action="auth.second_factor.setup_failed",
            target=user,
            result=AuditResult.FAILED,
        )
        raise ApplicationError(
            "动态口令不正确：请输入验证器应用中显示的 6 位数字，并确认手机时间准确。",
            extra={"fields": {"code": ["动态口令不正确。"]}, "field": "code"},
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        audit_event_record(actor=user, action="auth.second_factor.setup", target=user)
    return codes


def recovery_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones (the old ones stop working)."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        audit_event_record(
            actor=user, action="auth.second_factor.recovery_regenerated", target=user
        )
    return codes


def _failures_recent(user: User) -> int:
    window = timedelta(minutes=settings.CHANJIAO_SECOND_FACTOR_FAILURE_WINDOW_MINUTES)
    return AuditEvent.objects.filter(
        actor_id=user.pk, action=FAILED_ACTION, occurred_at__gte=timezone.now() - window
    ).count()


def second_factor_verify(*, user: User, code: str) -> Device:
    """Check a 6-digit code or a recovery code; return the device that accepted it.

    Raises ``PermissionDeniedError`` after too many wrong codes (audited) and ``ApplicationError``
    for a wrong one.
    """
    limit = settings.CHANJIAO_SECOND_FACTOR_FAILURE_LIMIT
    window = settings.CHANJIAO_SECOND_FACTOR_FAILURE_WINDOW_MINUTES
    if _failures_recent(user) >= limit:
        audit_refusal(
            actor=user,
            action="auth.second_factor.throttled",
            target=user,
            message=f"验证码错误次数过多，请 {window} 分钟后再试，或联系本单位管理员。",
        )
    normalized = _normalize(code)
    device: Device | None = None
    if _TOTP_CODE.fullmatch(normalized):
        totp = totp_device_confirmed(user)
        if totp is not None and totp.verify_token(normalized):
            device = totp
        if device is not None:
            audit_event_record(actor=user, action="auth.second_factor.verified", target=user)
    elif normalized:
        for static in StaticDevice.objects.filter(user=user, confirmed=True):
            if static.verify_token(normalized):
                device = static
                break
        if device is not None:
            audit_event_record(
                actor=user,
                action="auth.second_factor.recovery_used",
                target=user,
                changes={"recovery_codes_left": recovery_codes_left(user)},
            )
    if device is None:
        audit_event_record(actor=user, action=FAILED_ACTION, target=user, result=AuditResult.FAILED)
        left = max(limit - _failures_recent(user), 0)
        raise ApplicationError(
            f"验证码不正确，还可再试 {left} 次。请输入验证器应用中的 6 位数字，或一个恢复码。",
            extra={"fields": {"code": ["验证码不正确。"]}, "field": "code"},
        )
    return device


def second_factor_disable(*, user: User) -> None:
    """Turn the second factor off (not allowed for privileged accounts: they must keep it)."""
    if user_is_privileged(user):
        audit_refusal(
            actor=user,
            action="auth.second_factor.disable",
            target=user,
            message="您的账号有管理或审核权限，必须使用二次验证，不能关闭。",
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_event_record(actor=user, action="auth.second_factor.disabled", target=user)


def _key_hex(secret_base32: str) -> str:
    secret = re.sub(r"\s", "", secret_base32).upper()
    padded = secret + "=" * (-len(secret) % 8)
    return base64.b32decode(padded).hex()


def totp_device_ensure(user: User, secret_base32: str) -> TOTPDevice:
    """Give the user a confirmed authenticator with this secret (demonstration accounts).

    Idempotent: an authenticator with the secret is kept, any other one is replaced.
    """
    key = _key_hex(secret_base32)
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, key=key).first()
        TOTPDevice.objects.filter(user=user).exclude(pk=getattr(device, "pk", None)).delete()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=key, confirmed=True)
        elif not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    return device


def totp_code_now(user: User) -> str:
    """Return the 6-digit code the user's authenticator shows now."""
    device = totp_device_confirmed(user)
    if device is None:
        raise ApplicationError("该账号还没有设置动态口令。")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"
