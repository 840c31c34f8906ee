"""Pages: a student's sign-up and claim, the school's queue of claims, the roster import."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chanjiao.accounts.models import User
from chanjiao.accounts.registration import AccountInput
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.masking import mask_phone
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.tabular.error_download import import_errors_remember, import_errors_response
from chanjiao.common.users import acting_user
from chanjiao.organizations.models import Organization
from chanjiao.students.forms import ClaimForm, RegisterForm
from chanjiao.students.importing import (
    MAX_ROSTER_ROWS,
    ROSTER_COLUMNS,
    roster_limits,
    roster_template_csv,
    student_roster_import,
)
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile
from chanjiao.students.permissions import schools_user_acts_for
from chanjiao.students.selectors import (
    school_find,
    school_major_options,
    school_options,
    student_claim_for_user,
    student_claim_get,
    student_claim_list,
)
from chanjiao.students.services import (
    student_claim_confirm,
    student_claim_file,
    student_claim_resubmit,
    student_claim_return,
    student_claim_withdraw,
    student_claims_confirm,
    student_register,
    student_register_values_clean,
)
from chanjiao.workflow.selectors import transition_history

CLAIMS_PER_PAGE = 20
ERRORS_SHOWN = 500
SESSION_KEY = "student_roster_errors"
ACCOUNT_FIELDS = ("username", "password", "email", "real_name", "phone")
STEP_TEXTS = {
    "file": "提交申请",
    "confirm": "学校确认",
    "return": "学校退回",
    "withdraw": "本人撤回",
    "resubmit": "修改后重新提交",
}


def _errors_to_form(form: forms.Form, error: ApplicationError) -> None:
    fields = error.extra.get("fields") or {}
    placed = False
    for name, texts in fields.items():
        if name in form.fields:
            placed = True
            if name not in form.errors:
                for text in texts:
                    form.add_error(name, text)
    if not placed:
        form.add_error(None, error.message)


def _major_names(form: ClaimForm) -> list[str]:
    """The majors to offer in the form's list: those of the school typed so far, if any."""
    typed = form["school"].value()
    if isinstance(typed, Organization):
        school: Organization | None = typed
    else:
        school = school_find(str(typed)) if typed else None
    return [major.name for major in school_major_options(school)] if school else []


def _form_context(form: ClaimForm) -> dict[str, Any]:
    return {
        "form": form,
        "school_labels": [option.label for option in school_options()],
        "major_names": _major_names(form),
    }


@require_http_methods(["GET", "POST"])
def register_page(request: HttpRequest) -> HttpResponse:
    """A student or graduate opens an account and asks their school to confirm them."""
    if request.user.is_authenticated:
        return redirect("students:claim")
    form = RegisterForm(request.POST or None)
    if request.method == "POST":
        valid = form.is_valid()
        account = AccountInput(**{name: request.POST.get(name, "") for name in ACCOUNT_FIELDS})
        claim: StudentClaim | None = None
        try:
            values = student_register_values_clean(account=account, claim_data=request.POST)
            if valid:
                claim = student_register(account=account, values=values)
        except ApplicationError as error:
            _errors_to_form(form, error)
        if claim is not None:
            return _signed_in_after_register(request, account)
    return render(request, "students/register.html", _form_context(form))


def _signed_in_after_register(request: HttpRequest, account: AccountInput) -> HttpResponse:
    # Through the configured backends (login protection included), as the login page does.
    user = authenticate(request, username=account.username.strip(), password=account.password)
    if user is None:
        messages.success(request, "注册成功，已提交给学校确认。请登录后查看申请进度。")
        return redirect("web:login")
    login(request, user)
    messages.success(request, "注册成功，已提交给学校确认。学校确认后即可使用学生功能。")
    return redirect("students:claim")


def _claim_history(claim: StudentClaim | None) -> list[dict[str, Any]]:
    if claim is None:
        return []
    return [
        {
            "step": STEP_TEXTS.get(record.transition, record.transition),
            "at": record.created_at,
            "reason": record.reason,
        }
        for record in transition_history(claim)
    ]


def _claim_initial(claim: StudentClaim) -> dict[str, Any]:
    label = next(
        (o.label for o in school_options() if o.school.pk == claim.school_id), claim.school.name
    )
    return {
        "school": label,
        "major": claim.major.name,
        "status": claim.status,
        "graduation_year": claim.graduation_year,
        "enrollment_year": claim.enrollment_year,
        "student_number": claim.student_number,
    }


def _claim_post(request: HttpRequest, claim: StudentClaim | None, form: ClaimForm) -> bool:
    """Take the posted step on the person's claim; return True when it was taken."""
    actor = acting_user(request)
    action = request.POST.get("action", "file")
    try:
        if action == "withdraw" and claim is not None:
            student_claim_withdraw(actor=actor, claim=claim)
            messages.success(request, "申请已撤回。")
            return True
        if not form.is_valid():
            return False
        if action == "resubmit" and claim is not None:
            student_claim_resubmit(actor=actor, claim=claim, values=form.claim_values())
            messages.success(request, "已修改并重新提交，请等待学校确认。")
        else:
            student_claim_file(actor=actor, values=form.claim_values())
            messages.success(request, "申请已提交，请等待学校确认。")
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        _errors_to_form(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def claim_page(request: HttpRequest) -> HttpResponse:
    """The person's claim: its state and history; file, withdraw, or correct and resubmit."""
    user = acting_user(request)
    claim = student_claim_for_user(user)
    initial = _claim_initial(claim) if claim is not None and claim.is_open else {}
    form = ClaimForm(request.POST or None, initial=initial)
    if request.method == "POST" and _claim_post(request, claim, form):
        return redirect("students:claim")
    profile = StudentProfile.objects.filter(user=user).select_related("school", "major").first()
    context = _form_context(form)
    context.update(
        claim=claim,
        profile=profile,
        history=_claim_history(claim),
        can_file=claim is None or not claim.is_open,
        can_resubmit=claim is not None and claim.state == ClaimState.RETURNED,
        can_withdraw=claim is not None and claim.is_open,
    )
    return render(request, "students/claim.html", context)


class ClaimFilterForm(forms.Form):
    school = forms.TypedChoiceField(label="学校", required=False, coerce=int, empty_value=None)
    major = forms.TypedChoiceField(label="专业", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="毕业年份", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = schools_user_acts_for(user)
        pending = StudentClaim.objects.pending().filter(school__in=schools)
        majors = sorted(
            {(c.major_id, c.major.name) for c in pending.select_related("major").only("major")},
            key=lambda item: item[1],
        )
        years = sorted(set(pending.values_list("graduation_year", flat=True)), reverse=True)
        self.fields["school"].choices = [("", "全部学校")] + [(s.pk, s.name) for s in schools]  # type: ignore[attr-defined]
        self.fields["major"].choices = [("", "全部专业"), *majors]  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", "全部年份")] + [(y, f"{y}届") for y in years]  # type: ignore[attr-defined]
        self.school_count = len(schools)


@login_required
@require_GET
def claims_page(request: HttpRequest) -> HttpResponse:
    """The school's pending claims, oldest first, with confirm, return and bulk confirm."""
    user = acting_user(request)
    schools = schools_user_acts_for(user)
    if not schools:
        return render(request, "students/claims_forbidden.html", status=403)
    filters = ClaimFilterForm(request.GET or None, user=user)
    data = filters.cleaned_data if filters.is_valid() else {}
    claims = student_claim_list(
        fetched_by=user,
        school_id=data.get("school"),
        major_id=data.get("major"),
        graduation_year=data.get("year"),
    )
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    for claim in page.object_list:
        claim.phone_masked = mask_phone(claim.user.phone)  # type: ignore[attr-defined]
    context = {
        "filters": filters,
        "filtered": any(data.values()),
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
        "schools": schools,
        "next": request.get_full_path(),
    }
    return render(request, "students/claims.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("students:claims")


def _decide(request: HttpRequest, step: str, claim_id: int) -> HttpResponse:
    actor = acting_user(request)
    claim = student_claim_get(claim_id=claim_id)
    try:
        if step == "confirm":
            student_claim_confirm(actor=actor, claim=claim)
            messages.success(request, f"已确认 {claim.user.real_name} 的申请。")
        else:
            student_claim_return(actor=actor, claim=claim, reason=request.POST.get("reason"))
            messages.success(request, f"已退回 {claim.user.real_name} 的申请。")
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    return _back(request)


@login_required
@require_POST
def claim_confirm_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Confirm one claim from the queue."""
    return _decide(request, "confirm", claim_id)


@login_required
@require_POST
def claim_return_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Return one claim with its reason from the queue."""
    return _decide(request, "return", claim_id)


@login_required
@require_POST
def claims_confirm_page(request: HttpRequest) -> HttpResponse:
    """Confirm the claims ticked in the queue."""
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    try:
        result = student_claims_confirm(actor=acting_user(request), claim_ids=ids)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, result.message)
    return _back(request)


class RosterUploadForm(forms.Form):
    school = forms.TypedChoiceField(
        label="学校",
        coerce=int,
        error_messages={"invalid_choice": "请选择您担任机构管理员或信息员的学校。"},
    )
    file = forms.FileField(
        label="花名册文件",
        help_text="CSV（UTF-8 或 GB18030 编码）或 Excel 工作簿",
        error_messages={"required": "请选择要上传的文件。"},
    )

    def __init__(self, *args: Any, schools: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schools = {school.pk: school for school in schools}
        self.fields["school"].choices = [(s.pk, s.name) for s in schools]  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def roster_page(request: HttpRequest) -> HttpResponse:
    """Upload a roster; show how many claims it confirmed, or every bad row."""
    schools = schools_user_acts_for(request.user)
    if not schools:
        return render(request, "students/claims_forbidden.html", status=403)
    form = RosterUploadForm(request.POST or None, request.FILES or None, schools=schools)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        request.session.pop(SESSION_KEY, None)
        upload = form.cleaned_data["file"]
        try:
            result = student_roster_import(
                actor=acting_user(request),
                school=form.schools[form.cleaned_data["school"]],
                file_name=upload.name,
                stream=upload,
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if not result.ok:
                import_errors_remember(
                    request, SESSION_KEY, file_name=result.file_name, errors=result.errors
                )
            context.update(result=result, errors_shown=result.errors[:ERRORS_SHOWN])
    context.update(
        columns=ROSTER_COLUMNS,
        max_rows=min(roster_limits().max_rows, MAX_ROSTER_ROWS),
    )
    return render(request, "students/roster.html", context)


@login_required
@require_GET
def roster_errors_download(request: HttpRequest) -> HttpResponse:
    """Download the error list of the user's last refused roster as CSV."""
    return import_errors_response(request, SESSION_KEY, default_stem="花名册")


@require_GET
def roster_template_download(request: HttpRequest) -> HttpResponse:
    """Download the blank roster (its header row) as CSV."""
    response = HttpResponse(roster_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename="花名册模板.csv"
    )
    return response


@require_GET
def majors_json(request: HttpRequest) -> JsonResponse:
    """The major names of the school named in ``?school=`` (for the sign-up form's list)."""
    school = school_find(request.GET.get("school", ""))
    names = [major.name for major in school_major_options(school)] if school else []
    return JsonResponse({"found": school is not None, "majors": names})
