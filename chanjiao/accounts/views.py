"""Account security pages (/account/security/): second factor, recovery codes, expired password.

Thin views: the rules live in ``two_factor`` and ``passwords``.
"""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from chanjiao.accounts.models import User
from chanjiao.accounts.passwords import password_expired, password_expires_at
from chanjiao.accounts.two_factor import (
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_disable,
    second_factor_enforced,
    second_factor_needed,
    second_factor_verify,
    session_verified,
    totp_device_confirmed,
    totp_device_pending,
    totp_provisioning_uri,
    totp_qr_svg,
    totp_secret_groups,
    totp_setup_confirm,
    user_is_privileged,
)
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user

_CODE_ATTRS = {
    "inputmode": "numeric",
    "autocomplete": "one-time-code",
    "pattern": "[0-9 ]*",
    "maxlength": "7",
    "autofocus": True,
}


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label="验证器中的 6 位数字",
        max_length=7,
        widget=forms.TextInput(attrs=_CODE_ATTRS),
        error_messages={"required": "请输入验证器应用中显示的 6 位数字。"},
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="动态口令（6 位数字）",
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )
    recovery_code = forms.CharField(
        label="恢复码",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("code") or "").strip() and not (data.get("recovery_code") or "").strip():
            raise forms.ValidationError("请输入动态口令，或一个恢复码。")
        return data


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _with_next(name: str, next_url: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url != "/" else url


def _verified(request: HttpRequest) -> bool:
    return session_verified(request.user)


def _apply_errors(form: forms.Form, error: ApplicationError, field: str) -> None:
    form.add_error(field if field in form.fields else None, error.message)


@login_required
def security_overview(request: HttpRequest) -> HttpResponse:
    """二次验证 and password status, with what the user may do next."""
    user = acting_user(request)
    context = {
        "device": totp_device_confirmed(user),
        "recovery_left": recovery_codes_left(user),
        "privileged": user_is_privileged(user),
        "verified": _verified(request),
        "password_expires_at": password_expires_at(user),
        "password_expired": password_expired(user),
    }
    return render(request, "accounts/security.html", context)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator: secret and QR code, confirmed by its first code."""
    user = acting_user(request)
    next_url = _next_url(request)
    if totp_device_confirmed(user) is not None and not _verified(request):
        # Replacing an authenticator takes the current one: a password alone is not enough.
        return redirect(_with_next("accounts:two-factor-verify", next_url))
    device = totp_device_pending(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_setup_confirm(user=user, device=device, code=form.cleaned_data["code"])
        except ApplicationError as error:
            _apply_errors(form, error, "code")
        else:
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url, "first_setup": True},
            )
    context = {
        "form": form,
        "secret": totp_secret_groups(device),
        "qr_svg": totp_qr_svg(totp_provisioning_uri(device)),
        "next": next_url,
        "required": user_is_privileged(user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: a 6-digit code or a recovery code."""
    user = acting_user(request)
    next_url = _next_url(request)
    if totp_device_confirmed(user) is None:
        return redirect(_with_next("accounts:two-factor-setup", next_url))
    if _verified(request):
        return redirect(next_url)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip() or form.cleaned_data["recovery_code"]
        field = "code" if form.cleaned_data["code"].strip() else "recovery_code"
        try:
            device = second_factor_verify(user=user, code=code)
        except ApplicationError as error:
            _apply_errors(form, error, field)
        else:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    f"已使用一个恢复码，还剩 {recovery_codes_left(user)} 个。"
                    "手机找回后，请在“账号安全”中生成新的恢复码。",
                )
            return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes and show the new ones once."""
    user = acting_user(request)
    if totp_device_confirmed(user) is None or not _verified(request):
        return redirect(_with_next("accounts:two-factor-verify", reverse("accounts:security")))
    codes = recovery_codes_regenerate(user=user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:security"), "first_setup": False},
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn the second factor off (only for accounts that need not keep it)."""
    user = acting_user(request)
    if totp_device_confirmed(user) is not None and not _verified(request):
        return redirect(_with_next("accounts:two-factor-verify", reverse("accounts:security")))
    second_factor_disable(user=user)  # refuses privileged accounts (403 page, audited)
    messages.success(request, "已关闭二次验证。")
    return redirect("accounts:security")


@login_required
def password_change_expired(request: HttpRequest) -> HttpResponse:
    """Change the password (required once a privileged account's password has expired)."""
    user: User = acting_user(request)
    next_url = _next_url(request)
    if second_factor_enforced() and second_factor_needed(user) and not _verified(request):
        has_device = totp_device_confirmed(user) is not None
        page = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
        return redirect(_with_next(page, request.get_full_path()))
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "密码已修改。")
        return redirect(next_url)
    context = {"form": form, "next": next_url, "expired": password_expired(user)}
    return render(request, "accounts/password_expired.html", context)
