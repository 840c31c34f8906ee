"""During and after the internship: weekly logs, mentors' comments, incidents, evaluations.

Nothing here tracks where a student is: no GPS, no photo check-ins (``docs/internships.md``).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError, field_refusal
from chanjiao.internships.models import (
    ENDED_STATES,
    Evaluation,
    EvaluationDirection,
    Incident,
    IncidentKind,
    IncidentState,
    LogComment,
    Placement,
    PlacementState,
    WeeklyLog,
)
from chanjiao.internships.permissions import (
    user_acts_for_enterprise,
    user_acts_for_school,
    user_is_intern,
    user_mentor_role,
)
from chanjiao.internships.rules import Breach, PlacementFacts, breaches_find
from chanjiao.internships.selectors import watcher_ids
from chanjiao.internships.services.alerts import alerts_raise
from chanjiao.internships.workflow import INCIDENT_WORKFLOW
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.services import history_first_step, transition_apply

# What a weekly log can reveal: the hours and the three flags.
LOG_RULES = frozenset(
    {"daily_hours", "weekly_hours", "no_overtime", "no_night_shift", "no_holiday_work"}
)
LOG_FIELDS = {
    "daily_hours": "longest_day_hours",
    "weekly_hours": "hours_worked",
    "has_night_shift": "had_night_shift",
    "has_overtime": "had_overtime",
    "has_holiday_work": "had_holiday_work",
}


@dataclass
class WeeklyLogInput:
    week_start: datetime.date
    content: str
    hours_worked: Decimal
    longest_day_hours: Decimal | None = None
    had_night_shift: bool = False
    had_overtime: bool = False
    had_holiday_work: bool = False


def _week_check(placement: Placement, week_start: datetime.date) -> None:
    week_end = week_start + datetime.timedelta(days=6)
    if week_end < placement.start_date or week_start > placement.end_date:
        raise field_refusal("week_start", "周开始日期不在实习期内。")


def weekly_log_submit(*, actor: User, placement: Placement, values: WeeklyLogInput) -> WeeklyLog:
    """The student's log of one week; a week that crosses a red line raises alerts."""
    if not user_is_intern(actor, placement):
        audit_refusal(
            actor=actor,
            action="placement.log.submit",
            target=placement,
            message="只有实习学生本人可以填写周志。",
        )
    if placement.status != PlacementState.ACTIVE:
        raise ConflictError("只有“实习中”的实习安排可以填写周志。")
    if not values.content.strip():
        raise field_refusal("content", "请填写本周工作内容。")
    if values.hours_worked < 0:
        raise field_refusal("hours_worked", "本周工作时间不能为负数。")
    _week_check(placement, values.week_start)
    try:
        with transaction.atomic():
            log = WeeklyLog.objects.create(
                placement=placement,
                week_start=values.week_start,
                content=values.content.strip(),
                hours_worked=values.hours_worked,
                longest_day_hours=values.longest_day_hours,
                had_night_shift=values.had_night_shift,
                had_overtime=values.had_overtime,
                had_holiday_work=values.had_holiday_work,
            )
            audit_event_record(actor=actor, action="placement.log.submit", target=placement)
            alerts_raise(
                placement=placement, breaches=_log_breaches(placement, log), weekly_log=log
            )
    except IntegrityError:
        raise field_refusal("week_start", "本周的周志已填写，不能重复提交。") from None
    return log


def _log_breaches(placement: Placement, log: WeeklyLog) -> list[Breach]:
    facts = PlacementFacts(
        kind=placement.kind,
        start_date=placement.start_date,
        daily_hours=log.longest_day_hours,
        weekly_hours=log.hours_worked,
        has_night_shift=log.had_night_shift,
        has_overtime=log.had_overtime,
        has_holiday_work=log.had_holiday_work,
        field_names=LOG_FIELDS,
    )
    return breaches_find(facts, keys=LOG_RULES)


def log_comment_add(*, actor: User, log: WeeklyLog, body: str) -> LogComment:
    """A mentor's comment on a weekly log (the school's or the enterprise's mentor)."""
    role = user_mentor_role(actor, log.placement)
    if not role:
        audit_refusal(
            actor=actor,
            action="placement.log.comment",
            target=log.placement,
            message="只有该实习的学校指导教师或企业指导教师可以点评周志。",
        )
    text = (body or "").strip()
    if not text:
        raise field_refusal("body", "请填写评语。")
    with transaction.atomic():
        comment = LogComment.objects.create(log=log, author=actor, mentor_role=role, body=text)
        audit_event_record(
            actor=actor,
            action="placement.log.comment",
            target=log.placement,
            changes={"log": log.pk},
        )
    return comment


@dataclass
class IncidentInput:
    kind: str
    description: str
    occurred_on: datetime.date


def incident_report(*, actor: User, placement: Placement, values: IncidentInput) -> Incident:
    """Report an incident; the school's members and the bureau hear of it at once."""
    if not (
        user_is_intern(actor, placement)
        or user_mentor_role(actor, placement)
        or user_acts_for_school(actor, placement)
    ):
        audit_refusal(
            actor=actor,
            action="internship_incident.report",
            target=placement,
            message="只有实习学生、指导教师或学生所在学校可以报告突发事件。",
        )
    if values.kind not in IncidentKind.values:
        raise field_refusal("kind", "事件类型只能是受伤、拖欠报酬、侵害/不当对待或其他。")
    if not values.description.strip():
        raise field_refusal("description", "请填写事件经过。")
    if placement.status in (PlacementState.PLANNED, PlacementState.CANCELLED):
        raise ConflictError("实习尚未开始，不能报告突发事件。")
    with transaction.atomic():
        incident = Incident.objects.create(
            placement=placement,
            kind=values.kind,
            description=values.description.strip(),
            occurred_on=values.occurred_on,
            reported_by=actor,
        )
        history_first_step(
            workflow=INCIDENT_WORKFLOW.name,
            obj=incident,
            step="report",
            to_state=IncidentState.REPORTED,
            actor=actor,
        )
        audit_event_record(
            actor=actor,
            action="internship_incident.report",
            target=incident,
            changes={"placement": placement.pk, "kind": values.kind},
        )
        student = placement.student
        notice_send(
            recipients=watcher_ids(placement),
            notice=Notice(
                category=NoticeCategory.INTERNSHIP,
                title=(
                    f"实习突发事件（{incident.get_kind_display()}）："
                    f"{student.real_name or student.username}，{placement.enterprise.name}"
                ),
                body=incident.description[:1000],
                url=reverse("internships:detail", args=[placement.pk]),
            ),
        )
    return incident


def incident_transition(*, actor: User, incident: Incident, name: str, note: str) -> Incident:
    """Handle or close an incident with a note (the school or the bureau)."""
    note = (note or "").strip()
    if not note:
        raise field_refusal("note", "请填写处理说明。")
    return transition_apply(
        workflow=INCIDENT_WORKFLOW,
        obj=incident,
        name=name,
        actor=actor,
        reason=note[:500],
        extra_changes={"handling_note": note},
    )


def _may_evaluate(actor: User, placement: Placement, direction: str) -> bool:
    if direction == EvaluationDirection.SCHOOL_TO_STUDENT:
        return (
            user_acts_for_school(actor, placement) or user_mentor_role(actor, placement) == "school"
        )
    if direction == EvaluationDirection.ENTERPRISE_TO_STUDENT:
        return (
            user_acts_for_enterprise(actor, placement)
            or user_mentor_role(actor, placement) == "enterprise"
        )
    return user_is_intern(actor, placement)


def evaluation_submit(
    *, actor: User, placement: Placement, direction: str, score: int, comment: str = ""
) -> Evaluation:
    """One side's evaluation, once the placement is completed or terminated (once per side)."""
    if direction not in EvaluationDirection.values:
        raise field_refusal("direction", "评价方向无效。")
    if not _may_evaluate(actor, placement, direction):
        audit_refusal(
            actor=actor,
            action="placement.evaluate",
            target=placement,
            message=f"您不能提交“{EvaluationDirection(direction).label}”。",
        )
    if placement.status not in ENDED_STATES:
        raise ConflictError("实习完成或提前终止后才能评价。")
    if not 1 <= score <= 5:
        raise field_refusal("score", "评分须为 1 至 5 分。")
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                placement=placement,
                direction=direction,
                score=score,
                comment=(comment or "").strip(),
                author=actor,
            )
            audit_event_record(
                actor=actor,
                action="placement.evaluate",
                target=placement,
                changes={"direction": direction, "score": score},
            )
    except IntegrityError:
        raise ApplicationError(
            f"“{EvaluationDirection(direction).label}”已提交，不能重复评价。"
        ) from None
    return evaluation
