"""Web pages of recognition programmes: the public directory (认证目录) and notices, the list of
one's recognitions with the programmes one may enter, and a recognition's page with its steps."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from chanjiao.accounts.permissions import active_memberships
from chanjiao.common.exceptions import ApplicationError, field_refusal
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.localities.choice import locality_chosen
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import ACT_FOR_ROLES
from chanjiao.recognition import services
from chanjiao.recognition.evidence import condition_evidence
from chanjiao.recognition.models import (
    OPEN_STATES,
    Condition,
    IncentiveKind,
    Objection,
    Programme,
    Recognition,
    RecognitionState,
)
from chanjiao.recognition.permissions import user_acts_for_applicant, user_is_programme_reviewer
from chanjiao.recognition.selectors import (
    credit_estimate,
    directory_list,
    objection_get_for_user,
    recognition_get_for_user,
    recognition_list,
    recognitions_in_notice,
)
from chanjiao.recognition.workflow import RECOGNITION_WORKFLOW
from chanjiao.workflow.selectors import transition_history, transitions_available

STAGE_KEYS = ("reserve", "submitted", "preliminary", "reviewed", "notice", "certified")


def directory_page(request: HttpRequest) -> HttpResponse:
    """The directory of one locality (the switcher's), searchable; the notices under 公示 below."""
    locality = locality_chosen(request)
    q = request.GET.get("q", "").strip()[:50]
    entries = directory_list(locality=locality, q=q)
    page = Paginator(entries, 20).get_page(request.GET.get("page"))
    context = {
        "locality": locality,
        "q": q,
        "page_obj": page,
        "notices": recognitions_in_notice(locality=locality)[:50],
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "recognition/directory.html", context)


def _enterable(request: HttpRequest) -> list[tuple[Organization, Programme]]:
    """The programmes the user's organisations may enter (region and type fit, none open)."""
    memberships = [m for m in active_memberships(request.user) if m.role in ACT_FOR_ROLES]
    pairs = []
    for membership in memberships:
        org = membership.organization
        open_ids = set(
            Recognition.objects.filter(
                organization=org, status__in=sorted(OPEN_STATES)
            ).values_list("programme_id", flat=True)
        )
        for programme in Programme.objects.filter(is_active=True).select_related(
            "locality__region"
        ):
            fits_region = org.region.code.startswith(programme.locality.region.code)
            fits_type = not programme.applicant_types or org.org_type in programme.applicant_types
            if fits_region and fits_type and programme.pk not in open_ids:
                pairs.append((org, programme))
    return pairs


@login_required
def recognition_list_page(request: HttpRequest) -> HttpResponse:
    """My organisations' recognitions, or my localities' as an officer; programmes to enter."""
    user = acting_user(request)
    status = request.GET.get("status", "")
    status = status if status in RecognitionState.values else ""
    rows = recognition_list(fetched_by=user, status=status or None)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "status": status,
        "enterable": _enterable(request),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "recognition/list.html", context)


@login_required
@require_POST
def recognition_reserve_page(request: HttpRequest) -> HttpResponse:
    """入库: the organisation enters a programme's reserve, then applies from its page."""
    user = acting_user(request)
    try:
        programme = Programme.objects.select_related("locality__region").get(
            pk=int(request.POST.get("programme", "0"))
        )
        organization = Organization.objects.select_related("region").get(
            pk=int(request.POST.get("organization", "0"))
        )
        recognition = services.recognition_reserve(
            actor=user, programme=programme, organization=organization
        )
    except (ValueError, Programme.DoesNotExist, Organization.DoesNotExist):
        messages.error(request, "项目或机构不存在。")
        return redirect("recognition:list")
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("recognition:list")
    messages.success(request, "已入库。请补充材料后提交申报。")
    return redirect("recognition:detail", recognition.pk)


def _stages(recognition: Recognition) -> list[dict[str, str]]:
    labels = recognition.programme.stages or {}
    status = "submitted" if recognition.status == "returned" else recognition.status
    position = STAGE_KEYS.index(status) if status in STAGE_KEYS else -1
    return [
        {
            "label": labels.get(key, key),
            "state": "done" if i < position else ("current" if i == position else "todo"),
        }
        for i, key in enumerate(STAGE_KEYS)
    ]


def _history(recognition: Recognition) -> list[dict[str, Any]]:
    steps = {t.name: t.label for t in RECOGNITION_WORKFLOW.transitions} | {"reserve": "入库"}
    return [
        {
            "at": record.created_at,
            "step": steps.get(record.transition, record.transition),
            "state": RecognitionState(record.to_state).label,
            "actor": record.actor,
            "reason": record.reason,
        }
        for record in transition_history(recognition)
    ]


@login_required
def recognition_detail_page(request: HttpRequest, recognition_id: int) -> HttpResponse:
    """Where the recognition stands, what is missing, the evidence per condition, the steps."""
    user = acting_user(request)
    recognition = recognition_get_for_user(user, recognition_id)
    evidence = condition_evidence(recognition)
    actions = [
        t
        for t in transitions_available(workflow=RECOGNITION_WORKFLOW, obj=recognition, actor=user)
        if t.name not in ("recheck",)
    ]
    reviewer = user_is_programme_reviewer(user, recognition)
    applicant = user_acts_for_applicant(user, recognition)
    scores = {s.condition_id: s for s in recognition.scores.all()}
    context = {
        "recognition": recognition,
        "programme": recognition.programme,
        "stages": _stages(recognition),
        "evidence": evidence,
        "missing": [item.condition.label for item in evidence if item.is_missing],
        "actions": actions,
        "history": _history(recognition),
        "rows": [(item, scores.get(item.condition.pk)) for item in evidence],
        "objections": list(recognition.objections.all()),
        "credit": credit_estimate(recognition),
        "incentives": list(recognition.incentives.all()),
        "incentive_kinds": [
            (k, IncentiveKind(k).label) for k in recognition.programme.incentive_kinds
        ],
        "is_reviewer": reviewer,
        "can_upload": applicant and recognition.status in ("reserve", "submitted", "returned"),
        "can_declare": applicant and recognition.status in OPEN_STATES,
        "today": timezone.localdate(),
        "this_year": timezone.localdate().year,
    }
    return render(request, "recognition/detail.html", context)


def _decimal(request: HttpRequest, name: str) -> Decimal:
    try:
        return Decimal(request.POST.get(name, "").strip() or "x")
    except InvalidOperation:
        raise field_refusal(name, "请填写数字。") from None


def _scores(request: HttpRequest, recognition: Recognition) -> list[services.ScoreInput]:
    scores = []
    for condition in recognition.programme.conditions.all():
        raw = request.POST.get(f"score-{condition.pk}", "").strip()
        if not raw.isdigit():
            raise field_refusal("scores", f"请为“{condition.label}”评分。")
        comment = request.POST.get(f"comment-{condition.pk}", "")
        scores.append(services.ScoreInput(condition.pk, int(raw), comment))
    return scores


def _operate(request: HttpRequest, recognition: Recognition, op: str) -> str:
    user = acting_user(request)
    post: Any = request.POST
    if op == "apply":
        services.recognition_apply(
            actor=user, recognition=recognition, statement=post.get("statement", "")
        )
        return "已提交申报。"
    if op == "review":
        services.recognition_review(
            actor=user,
            recognition=recognition,
            scores=_scores(request, recognition),
            comment=post.get("reason", ""),
        )
        return "已复核通过。"
    if op == "recheck":
        services.recognition_recheck(
            actor=user,
            recognition=recognition,
            passed=post.get("passed") == "1",
            comment=post.get("comment", ""),
        )
        return "已记录年度复核。"
    if op == "attachment":
        upload = request.FILES.get("file")
        if upload is None:
            raise field_refusal("file", "请选择文件。")
        condition = Condition.objects.filter(
            pk=post.get("condition") or 0, programme=recognition.programme
        ).first()
        services.attachment_add(
            actor=user,
            recognition=recognition,
            upload=upload,
            condition=condition,
            description=post.get("description", ""),
        )
        return "材料已上传。"
    if op == "investment":
        services.investment_declare(
            actor=user,
            recognition=recognition,
            year=int(post.get("year") or 0),
            investment=_decimal(request, "investment"),
            surcharge_due=_decimal(request, "surcharge_due"),
        )
        return "已保存投资申报，抵免估算已更新。"
    if op == "incentive":
        services.incentive_record(
            actor=user,
            recognition=recognition,
            kind=post.get("kind", ""),
            granted_on=timezone.localdate(),
            department=post.get("department", ""),
            description=post.get("description", ""),
            amount=_decimal(request, "amount") if post.get("amount") else None,
        )
        return "已登记激励。"
    if op == "resolve":
        objection: Objection = objection_get_for_user(user, int(post.get("objection") or 0))
        services.objection_resolve(
            actor=user, objection=objection, resolution=post.get("resolution", "")
        )
        return "异议已处理。"
    services.recognition_step(
        actor=user, recognition=recognition, name=op, reason=post.get("reason", "")
    )
    return "操作已完成。"


@login_required
@require_POST
def recognition_act_page(request: HttpRequest, recognition_id: int) -> HttpResponse:
    """Every POST of a recognition's page; answers with a message and goes back to the page."""
    recognition = recognition_get_for_user(acting_user(request), recognition_id)
    try:
        done = _operate(request, recognition, request.POST.get("op", ""))
    except (ApplicationError, ValueError) as error:
        messages.error(request, getattr(error, "message", "输入有误。"))
    else:
        messages.success(request, done)
    return redirect("recognition:detail", recognition_id)


@login_required
@require_POST
def objection_page(request: HttpRequest, recognition_id: int) -> HttpResponse:
    """Anyone signed in may object to an application under public notice."""
    recognition = recognitions_in_notice().filter(pk=recognition_id).first()
    if recognition is None:
        messages.error(request, "该申报不在公示中。")
        return redirect("recognition:directory")
    try:
        services.objection_file(
            actor=acting_user(request), recognition=recognition, text=request.POST.get("text", "")
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "异议已提交，主管部门将在认定前处理。")
    return redirect("recognition:directory")
