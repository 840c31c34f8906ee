"""Alerts: a red line a running placement crosses, told to the school and the bureau at once."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ConflictError
from chanjiao.internships.models import Alert, Placement, WeeklyLog
from chanjiao.internships.permissions import user_watches_placement
from chanjiao.internships.rules import Breach
from chanjiao.internships.selectors import watcher_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send


def _student_label(placement: Placement) -> str:
    student = placement.student
    return f"{student.real_name or student.username}（{placement.enterprise.name}）"


def alerts_raise(
    *, placement: Placement, breaches: list[Breach], weekly_log: WeeklyLog | None = None
) -> list[Alert]:
    """Record one alert per breach; tell the school and the bureau in the same transaction."""
    if not breaches:
        return []
    with transaction.atomic():
        alerts = [
            Alert.objects.create(
                placement=placement,
                rule_key=breach.rule.key,
                article=breach.rule.article,
                message=breach.message[:500],
                weekly_log=weekly_log,
            )
            for breach in breaches
        ]
        for alert in alerts:
            audit_event_record(
                actor=None,
                action="placement.alert",
                target=placement,
                changes={"rule": alert.rule_key, "message": alert.message},
            )
        notice_send(
            recipients=watcher_ids(placement),
            notice=Notice(
                category=NoticeCategory.INTERNSHIP,
                title=f"实习违规预警：{_student_label(placement)}",
                body="\n".join(alert.message for alert in alerts),
                url=reverse("internships:detail", args=[placement.pk]),
            ),
        )
    return alerts


def alert_resolve(*, actor: User, alert: Alert, note: str = "") -> Alert:
    """Mark an alert handled (the school or the bureau), with what was done."""
    if not user_watches_placement(actor, alert.placement):
        audit_refusal(
            actor=actor,
            action="placement.alert.resolve",
            target=alert.placement,
            message="只有学生所在学校或教育主管部门可以处理预警。",
        )
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=alert.pk)
        if locked.resolved_at is not None:
            raise ConflictError("该预警已处理（可能已被他人处理）。")
        locked.resolved_at = timezone.now()
        locked.resolved_by = actor
        locked.resolution_note = (note or "").strip()[:500]
        locked.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
        audit_event_record(
            actor=actor,
            action="placement.alert.resolve",
            target=alert.placement,
            changes={"alert": locked.pk, "note": locked.resolution_note},
        )
    locked.placement = alert.placement
    return locked
