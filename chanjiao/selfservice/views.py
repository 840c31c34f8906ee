"""Pages of 账号与安全: profile, password, sign-in history, consents, data copy, deletion."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.masking import mask_id_number, mask_phone
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.selfservice.consents import (
    application_consent_list,
    consent_get_for_user,
    consent_list,
    consent_withdraw,
)
from chanjiao.selfservice.data_copy import personal_data_export, personal_data_json
from chanjiao.selfservice.deletion import CONFIRMATION_TEXT, account_delete, account_delete_preview
from chanjiao.selfservice.forms import (
    AccountDeleteForm,
    ChangePasswordForm,
    NewPasswordForm,
    ProfileForm,
    ResetRequestForm,
)
from chanjiao.selfservice.logins import login_events, login_record
from chanjiao.selfservice.passwords import password_change, password_reset_finish
from chanjiao.selfservice.profile import ProfileInput, profile_update

PAGE_SIZE = 20
APPLICATION_CONSENTS_SHOWN = 50
SITE_NAME = "产教融合信息服务平台"
SECURITY_PATH = "/account/security/"


def _security_url() -> str:
    try:
        return reverse("accounts:security")
    except NoReverseMatch:
        return SECURITY_PATH


def _field_errors(form: Form, error: ApplicationError) -> None:
    """Put a service's refusal beside the field it names (or above the form)."""
    fields = error.extra.get("fields") or {}
    named = [name for name in fields if name in form.fields]
    if not named:
        form.add_error(None, error.message)
    for name in named:
        for message in fields[name]:
            form.add_error(name, message)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """账号与安全: the profile summary and a link to each self-service function."""
    user = acting_user(request)
    context = {
        "account": user,
        "phone": mask_phone(user.phone),
        "id_number": mask_id_number(user.id_number),
        "security_url": _security_url(),
    }
    return render(request, "selfservice/account.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def password_change_page(request: HttpRequest) -> HttpResponse:
    """Change the password; the current session stays signed in."""
    user = acting_user(request)
    form = ChangePasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        changed = password_change(actor=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, changed)
        messages.success(request, "密码已修改。下次登录请使用新密码。")
        return redirect("selfservice:account")
    return render(request, "selfservice/password_change.html", {"form": form})


class PasswordResetRequestView(auth_views.PasswordResetView):
    """找回密码: send a reset link; the answer is the same whether the e-mail is known or not."""

    form_class = ResetRequestForm
    template_name = "registration/password_reset_request.html"
    email_template_name = "registration/password_reset_mail_body.txt"
    subject_template_name = "registration/password_reset_mail_subject.txt"
    success_url = reverse_lazy("selfservice:password-reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        hours = max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 3600)
        self.extra_email_context = {"site_name": SITE_NAME, "valid_hours": hours}
        response = super().form_valid(form)
        messages.success(self.request, "如果该邮箱已在平台注册，重置密码的邮件已经发出。")
        return response


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


class PasswordResetNewView(auth_views.PasswordResetConfirmView):
    """The e-mailed link: choose a new password; the account is unlocked after it is set."""

    form_class = NewPasswordForm
    template_name = "registration/password_reset_new.html"
    success_url = reverse_lazy("selfservice:password-reset-finished")

    def form_valid(self, form: Any) -> HttpResponse:
        password_reset_finish(user=form.user, new_password=form.cleaned_data["new_password1"])
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(self.request, "新密码已设置，请用新密码登录。")
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetFinishedView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_finished.html"


@login_required
@require_http_methods(["GET", "POST"])
def profile_page(request: HttpRequest) -> HttpResponse:
    """Edit one's name, e-mail and mobile."""
    user = acting_user(request)
    initial = {"real_name": user.real_name, "email": user.email, "phone": user.phone}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = ProfileInput(**form.cleaned_data)
        try:
            profile_update(actor=user, data=data)
        except ApplicationError as error:
            _field_errors(form, error)
        else:
            messages.success(request, "个人资料已保存。")
            return redirect("selfservice:account")
    return render(request, "selfservice/profile.html", {"form": form})


@login_required
def logins_page(request: HttpRequest) -> HttpResponse:
    """My sign-in history, newest first, 20 a page."""
    user = acting_user(request)
    page = Paginator(login_events(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "records": [login_record(event) for event in page.object_list],
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "selfservice/logins.html", context)


@login_required
def consents_page(request: HttpRequest) -> HttpResponse:
    """The consents the person gave to organisations, each withdrawable."""
    user = acting_user(request)
    page = Paginator(consent_list(fetched_by=user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
        # The newest application consents; 我的投递 pages through all of them.
        "app_consents": list(
            application_consent_list(fetched_by=user)[:APPLICATION_CONSENTS_SHOWN]
        ),
    }
    return render(request, "selfservice/consents.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw_page(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Confirm, then withdraw one consent."""
    user = acting_user(request)
    consent = consent_get_for_user(user=user, consent_id=consent_id)
    if request.method == "POST":
        try:
            consent_withdraw(actor=user, consent_id=consent.pk)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"已撤回对“{consent.organization.name}”的授权。")
        return redirect("selfservice:consents")
    return render(request, "selfservice/consent_withdraw.html", {"consent": consent})


@login_required
def data_page(request: HttpRequest) -> HttpResponse:
    """What the copy of one's personal information holds, with the download button."""
    return render(request, "selfservice/data.html")


@login_required
@require_POST
def data_download(request: HttpRequest) -> HttpResponse:
    """Download the copy of one's personal information as UTF-8 JSON (recorded in the log)."""
    body = personal_data_json(personal_data_export(actor=acting_user(request)))
    name = f"个人信息副本-{timezone.localdate():%Y%m%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, name)
    messages.success(request, "个人信息副本已生成并开始下载。")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_page(request: HttpRequest) -> HttpResponse:
    """Delete one's account after the current password and a typed confirmation."""
    user = acting_user(request)
    form = AccountDeleteForm(request.POST or None)
    preview = account_delete_preview(user)
    if request.method == "POST" and not preview.refusal and form.is_valid():
        try:
            account_delete(actor=user, password=form.cleaned_data["password"])
        except ApplicationError as error:
            _field_errors(form, error)
        else:
            logout(request)
            messages.success(request, "您的账号已注销，个人信息已删除。感谢您使用本平台。")
            return redirect("web:home")
    context = {"form": form, "preview": preview, "confirmation_text": CONFIRMATION_TEXT}
    return render(request, "selfservice/delete.html", context, status=200)
