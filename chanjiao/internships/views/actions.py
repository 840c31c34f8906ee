"""The POSTs of a placement's page (each answers with a message and goes back to the page):
the agreement, insurance, weekly logs and comments, incidents, evaluations, alerts."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.internships import services
from chanjiao.internships.forms import (
    AgreementFileForm,
    CommentForm,
    ConfirmForm,
    EvaluationForm,
    IncidentForm,
    IncidentStepForm,
    InsuranceForm,
    ResolveForm,
    WeeklyLogForm,
)
from chanjiao.internships.models import Agreement, Placement
from chanjiao.internships.page_data import insurable_placements
from chanjiao.internships.selectors import (
    alert_get_for_user,
    incident_get_for_user,
    placement_get_for_user,
    weekly_log_get_for_user,
)
from chanjiao.internships.views.common import error_message, refusal_text


def _back(placement_id: int, anchor: str) -> HttpResponse:
    response = redirect("internships:detail", placement_id)
    response["Location"] += f"#{anchor}"
    return response


def _run(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[], Any],
    *,
    done: str,
) -> bool:
    """Validate, call the service, and tell the person what happened (True when done)."""
    if not form.is_valid():
        messages.error(request, refusal_text(form))
        return False
    try:
        action()
    except ApplicationError as error:
        error_message(request, error)
        return False
    messages.success(request, done)
    return True


@login_required
@require_POST
def agreement_create_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    try:
        services.agreement_create(actor=user, placement=placement)
    except ApplicationError as error:
        error_message(request, error)
    else:
        messages.success(request, "已按地区模板生成三方协议，请学校、实习单位和学生分别确认。")
    return _back(placement.pk, "agreement")


@login_required
@require_POST
def agreement_confirm_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = ConfirmForm(request.POST)
    _run(
        request,
        form,
        lambda: services.agreement_confirm(
            actor=user,
            placement=placement,
            role=form.cleaned_data["role"],
            guardian_name=form.cleaned_data["guardian_name"],
        ),
        done="已确认三方协议。",
    )
    return _back(placement.pk, "agreement")


@login_required
@require_POST
def agreement_file_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = AgreementFileForm(request.POST, request.FILES)
    _run(
        request,
        form,
        lambda: services.agreement_file_attach(
            actor=user, placement=placement, upload=form.cleaned_data["file"]
        ),
        done="已上传已签协议。",
    )
    return _back(placement.pk, "agreement")


@login_required
@require_GET
def agreement_file_download(request: HttpRequest, placement_id: int) -> FileResponse:
    """The signed scan, to anyone who may see the placement (each download is recorded)."""
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    agreement = Agreement.objects.filter(placement=placement).first()
    if agreement is None or not agreement.signed_file:
        raise Http404("该实习安排还没有上传已签协议。")
    audit_event_record(actor=user, action="placement.agreement.file.view", target=placement)
    response = FileResponse(
        agreement.signed_file.open("rb"), content_type="application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=agreement.signed_file_name or "三方协议"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def insurance_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = InsuranceForm(request.POST)
    form.fields["placements"].queryset = insurable_placements(user, placement)  # type: ignore[attr-defined]
    _run(
        request,
        form,
        lambda: services.insurance_create(
            actor=user, values=form.values(), placements=list(form.cleaned_data["placements"])
        ),
        done="已登记保险。",
    )
    return _back(placement.pk, "insurance")


@login_required
@require_POST
def log_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = WeeklyLogForm(request.POST)
    _run(
        request,
        form,
        lambda: services.weekly_log_submit(actor=user, placement=placement, values=form.values()),
        done="本周周志已提交。",
    )
    return _back(placement.pk, "logs")


@login_required
@require_POST
def comment_page(request: HttpRequest, log_id: int) -> HttpResponse:
    user = acting_user(request)
    log = weekly_log_get_for_user(user, log_id)
    form = CommentForm(request.POST)
    _run(
        request,
        form,
        lambda: services.log_comment_add(actor=user, log=log, body=form.cleaned_data["body"]),
        done="评语已保存。",
    )
    return _back(log.placement_id, "logs")


@login_required
@require_POST
def incident_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = IncidentForm(request.POST)
    _run(
        request,
        form,
        lambda: services.incident_report(actor=user, placement=placement, values=form.values()),
        done="突发事件已报告，学校和教育主管部门已收到通知。",
    )
    return _back(placement.pk, "incidents")


@login_required
@require_POST
def incident_step_page(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = acting_user(request)
    incident = incident_get_for_user(user, incident_id)
    form = IncidentStepForm(request.POST)
    _run(
        request,
        form,
        lambda: services.incident_transition(
            actor=user,
            incident=incident,
            name=form.cleaned_data["name"],
            note=form.cleaned_data["note"],
        ),
        done="突发事件已更新。",
    )
    return _back(incident.placement_id, "incidents")


@login_required
@require_POST
def evaluation_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = EvaluationForm(request.POST)
    _run(
        request,
        form,
        lambda: services.evaluation_submit(actor=user, placement=placement, **form.cleaned_data),
        done="评价已提交。",
    )
    return _back(placement.pk, "evaluations")


@login_required
@require_POST
def alert_resolve_page(request: HttpRequest, alert_id: int) -> HttpResponse:
    user = acting_user(request)
    alert = alert_get_for_user(user, alert_id)
    form = ResolveForm(request.POST)
    _run(
        request,
        form,
        lambda: services.alert_resolve(actor=user, alert=alert, note=form.cleaned_data["note"]),
        done="预警已标记为已处理。",
    )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    placement: Placement = alert.placement
    return _back(placement.pk, "alerts")
