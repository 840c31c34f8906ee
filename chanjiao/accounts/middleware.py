"""Hold a signed-in account to its security duties first: the second factor, an expired password.

Placed right after ``django_otp.middleware.OTPMiddleware`` (which tells ``is_verified()``). A
signed-in user who needs a second factor (``two_factor.second_factor_needed``) and has not given
it in this session may reach only the account-security pages (``/account/security/``), the
logout and static files: pages (the admin site too) are sent to the verify page (or the set-up
page when no authenticator is confirmed yet) with ``next``, API requests are answered 403 with
``{"message", "extra": {"code": "second_factor_required"}}``. Next, a privileged user whose
password is older than ``CHANJIAO_PASSWORD_MAX_AGE_DAYS`` is sent to the change page the same way
(``password_expired``).
"""

from collections.abc import Callable
from contextlib import suppress
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import NoReverseMatch, reverse

from chanjiao.accounts.models import User
from chanjiao.accounts.passwords import password_expired
from chanjiao.accounts.two_factor import (
    second_factor_enforced,
    second_factor_needed,
    session_verified,
    totp_device_confirmed,
)

SECOND_FACTOR_MESSAGE = "请先完成二次验证（动态口令）。"
PASSWORD_EXPIRED_MESSAGE = "您的密码已超过有效期，请先修改密码。"  # noqa: S105 - a message


def _open_prefixes() -> tuple[str, ...]:
    prefixes = [reverse("accounts:security"), settings.STATIC_URL or "/static/"]
    with suppress(NoReverseMatch):  # the site's logout page
        prefixes.append(reverse("web:logout"))
    return tuple(prefixes)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _refuse(request: HttpRequest, *, message: str, code: str, page: str) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"message": message, "extra": {"code": code}}, status=403)
    target = request.get_full_path()
    return HttpResponseRedirect(f"{page}?{urlencode({'next': target})}")


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        if request.path.startswith(_open_prefixes()):
            return None
        if second_factor_enforced() and not session_verified(user) and second_factor_needed(user):
            has_device = totp_device_confirmed(user) is not None
            page = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
            return _refuse(
                request,
                message=SECOND_FACTOR_MESSAGE,
                code="second_factor_required",
                page=reverse(page),
            )
        if password_expired(user):
            return _refuse(
                request,
                message=PASSWORD_EXPIRED_MESSAGE,
                code="password_expired",
                page=reverse("accounts:password-expired"),
            )
        return None
