"""One placement's page: facts, state and history, agreement, insurance, weekly logs, incidents,
evaluations, alerts, and only the buttons the viewer may press now."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from chanjiao.accounts.models import User
from chanjiao.common.masking import mask_phone
from chanjiao.common.users import acting_user
from chanjiao.internships.forms import (
    CommentForm,
    EvaluationForm,
    IncidentForm,
    InsuranceForm,
    WeeklyLogForm,
)
from chanjiao.internships.models import Agreement, IncidentState, Placement, PlacementState
from chanjiao.internships.page_data import (
    OPEN_STATES,
    Viewer,
    agreement_parties,
    evaluation_directions,
    insurable_placements,
    readiness_of,
    student_label,
    viewer_of,
)
from chanjiao.internships.permissions import user_sees_personal_data, user_sees_student_phone
from chanjiao.internships.selectors import placement_get_for_user
from chanjiao.internships.services.personal import placement_phone_reveal
from chanjiao.internships.views.common import INCIDENT_TONES, STATE_TONES
from chanjiao.internships.workflow import INCIDENT_WORKFLOW, PLACEMENT_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available, transition_history

STEP_LABELS = {
    "create": "安排实习",
    "sign": "三方协议各方确认",
    "start": "开始实习",
    "complete": "实习完成",
    "terminate": "提前终止",
    "cancel": "取消",
    "report": "报告",
    "handle": "处理",
    "close": "关闭",
}


def _history(obj: Any, labels: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "at": record.created_at,
            "step": STEP_LABELS.get(record.transition, record.transition),
            "state": labels.get(record.to_state, record.to_state),
            "reason": record.reason,
        }
        for record in transition_history(obj)
    ]


def _insurance_form(user: User, placement: Placement) -> InsuranceForm:
    form = InsuranceForm(
        auto_id="insurance-%s",
        initial={
            "kind": "liability",
            "start_date": placement.start_date,
            "end_date": placement.end_date,
            "placements": [placement.pk],
        },
    )
    choices = insurable_placements(user, placement)
    form.fields["placements"].queryset = choices  # type: ignore[attr-defined]
    shown = {p.pk: student_label(user, p) for p in choices}
    form.fields["placements"].label_from_instance = (  # type: ignore[attr-defined]
        lambda p: f"{shown.get(p.pk, '')}（{p.start_date} 至 {p.end_date}）"
    )
    return form


def _incidents(user: User, placement: Placement) -> list[Any]:
    incidents = list(placement.incidents.order_by("-created_at", "-pk"))
    labels = dict(IncidentState.choices)
    for incident in incidents:
        incident.placement = placement
        incident.tone = INCIDENT_TONES.get(incident.status, "muted")  # type: ignore[attr-defined]
        incident.actions = transition_actions_available(  # type: ignore[attr-defined]
            workflow=INCIDENT_WORKFLOW, obj=incident, actor=user
        )
        incident.history = _history(incident, labels)  # type: ignore[attr-defined]
    return incidents


def _boxes(user: User, viewer: Viewer, placement: Placement) -> dict[str, Any]:
    """The forms the viewer gets (None where the box is not theirs or not open now)."""
    is_open = placement.status in OPEN_STATES
    reporting = placement.status not in (PlacementState.PLANNED, PlacementState.CANCELLED)
    directions = evaluation_directions(viewer, placement)
    evaluation_form = None
    if directions:
        evaluation_form = EvaluationForm(
            auto_id="evaluation-%s", initial={"direction": directions[0][0]}
        )
        evaluation_form.fields["direction"].choices = directions  # type: ignore[attr-defined]
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return {
        "insurance_form": _insurance_form(user, placement)
        if is_open and (viewer.school or viewer.enterprise)
        else None,
        "log_form": WeeklyLogForm(auto_id="log-%s", initial={"week_start": monday})
        if viewer.student and placement.status == PlacementState.ACTIVE
        else None,
        "comment_form": CommentForm(auto_id="comment-%s") if viewer.mentor else None,
        "incident_form": IncidentForm(auto_id="incident-%s", initial={"occurred_on": today})
        if viewer.reports_incidents and reporting
        else None,
        "evaluation_form": evaluation_form,
    }


@login_required
@require_GET
def detail_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The placement, for anyone who may see it; anyone else gets 404."""
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    viewer = viewer_of(user, placement)
    agreement = Agreement.objects.filter(placement=placement).first()
    full = user_sees_personal_data(user, placement)
    phone = placement.student.phone
    actions = [
        action
        for action in transition_actions_available(
            workflow=PLACEMENT_WORKFLOW, obj=placement, actor=user
        )
        if action["name"] != "sign"
    ]
    logs = list(placement.weekly_logs.prefetch_related("comments").order_by("-week_start", "-pk"))
    context = {
        "placement": placement,
        "viewer": viewer,
        "tone": STATE_TONES.get(placement.status, "muted"),
        "student_name": student_label(user, placement),
        "student_phone": phone if user_sees_student_phone(user, placement) else mask_phone(phone),
        "can_reveal_phone": bool(phone) and full and not user_sees_student_phone(user, placement),
        "profile": getattr(placement.student, "student_profile", None),
        "history": _history(placement, dict(PlacementState.choices)),
        "actions": actions,
        "readiness": readiness_of(placement),
        "agreement": agreement,
        "parties": agreement_parties(viewer, placement, agreement),
        "can_draw_agreement": viewer.school
        and agreement is None
        and placement.status == PlacementState.PLANNED,
        "can_upload": agreement is not None and (viewer.school or viewer.enterprise),
        "policies": placement.insurance_policies.order_by("-start_date", "-pk"),
        "logs": logs,
        "incidents": _incidents(user, placement),
        "evaluations": placement.evaluations.order_by("direction"),
        "alerts": placement.alerts.order_by("-raised_at", "-pk"),
        **_boxes(user, viewer, placement),
    }
    return render(request, "internships/detail.html", context)


@login_required
@require_POST
def phone_reveal_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The student's phone in full, for the school or the bureau; each view audited."""
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    phone = placement_phone_reveal(actor=user, placement=placement)
    context = {
        "placement": placement,
        "student_name": student_label(user, placement),
        "phone": phone,
    }
    return render(request, "internships/phone.html", context)
