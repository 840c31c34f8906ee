"""Organising: an event's values checked field by field; create, update, cancel (audited)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal, changes_between
from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.events.models import (
    EventAudience,
    EventKind,
    EventState,
    MatchEvent,
)
from chanjiao.events.permissions import (
    MANAGE_REFUSAL,
    ORGANIZE_REFUSAL,
    user_can_manage_event,
    user_can_organize_for,
)
from chanjiao.events.selectors import event_approved_count, event_registered_count
from chanjiao.events.services.shared import (
    EVENT_FIELDS,
    TITLE_MAX,
    notify,
    participant_ids,
)
from chanjiao.organizations.models import Organization


def _text(values: Mapping[str, Any], name: str) -> str:
    return str(values.get(name) or "").strip()


def _capacity(values: Mapping[str, Any], name: str, label: str, problems: dict) -> int | None:
    raw = values.get(name)
    if raw in (None, ""):
        return None
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        problems[name] = [f"{label}须为正整数，不限请留空。"]
        return None
    return number


def _region(value: Any) -> Region | None:
    if isinstance(value, Region):
        return value
    if value in (None, ""):
        return None
    try:
        return Region.objects.filter(pk=int(value), is_active=True).first()
    except (TypeError, ValueError):
        return None


def event_values_clean(
    values: Mapping[str, Any], *, creating: bool = True, event: MatchEvent | None = None
) -> dict[str, Any]:
    """Check an event's values; raise one ``ApplicationError`` naming every bad field.

    Returns the model's field values. Times must be aware datetimes (pages and the API parse
    them in China time). When ``event`` is given (an edit), a capacity may not fall below the
    places already taken.
    """
    problems: dict[str, list[str]] = {}
    title = _text(values, "title")
    if not title:
        problems["title"] = ["请填写活动名称。"]
    elif len(title) > TITLE_MAX:
        problems["title"] = [f"活动名称不能超过 {TITLE_MAX} 个字（现为 {len(title)} 个）。"]
    kind = _text(values, "kind")
    if kind not in EventKind.values:
        problems["kind"] = ["请选择活动类型：招聘会、双选会或小型面试会。"]
    audience = _text(values, "audience") or EventAudience.ALL
    if audience not in EventAudience.values:
        problems["audience"] = ["请选择面向对象。"]
    description = _text(values, "description")
    if len(description) > 5000:
        problems["description"] = ["活动介绍不能超过 5000 个字。"]
    starts_at = values.get("starts_at")
    ends_at = values.get("ends_at")
    deadline = values.get("registration_deadline") or None
    if starts_at is None:
        problems["starts_at"] = ["请填写开始时间。"]
    elif creating and starts_at <= timezone.now():
        problems["starts_at"] = ["开始时间须晚于现在。"]
    if ends_at is None:
        problems["ends_at"] = ["请填写结束时间。"]
    elif starts_at is not None and ends_at <= starts_at:
        problems["ends_at"] = ["结束时间须晚于开始时间。"]
    if deadline is not None and ends_at is not None and deadline > ends_at:
        problems["registration_deadline"] = ["报名截止时间不能晚于活动结束时间。"]
    is_online = bool(values.get("is_online"))
    place = _text(values, "place")
    online_url = _text(values, "online_url")
    if not is_online and not place:
        problems["place"] = ["线下活动请填写地点。"]
    if len(place) > 200:
        problems["place"] = ["地点不能超过 200 个字。"]
    if is_online and not online_url:
        problems["online_url"] = ["线上活动请填写参会链接。"]
    elif online_url and not online_url.startswith(("https://", "http://")):
        problems["online_url"] = ["参会链接须以 https:// 或 http:// 开头。"]
    region = _region(values.get("region"))
    if region is None:
        problems["region"] = ["请选择活动所在地区。"]
    enterprise_capacity = _capacity(values, "enterprise_capacity", "参会单位上限", problems)
    student_capacity = _capacity(values, "student_capacity", "求职者报名上限", problems)
    if event is not None:
        approved = event_approved_count(event)
        if enterprise_capacity is not None and enterprise_capacity < approved:
            problems["enterprise_capacity"] = [
                f"已有 {approved} 家单位通过审核，参会单位上限不能少于 {approved}。"
            ]
        registered = event_registered_count(event)
        if student_capacity is not None and student_capacity < registered:
            problems["student_capacity"] = [
                f"已有 {registered} 人报名，报名上限不能少于 {registered}。"
            ]
    if problems:
        field = next(name for name in EVENT_FIELDS if name in problems)
        raise ApplicationError(problems[field][0], extra={"fields": problems, "field": field})
    return {
        "title": title,
        "kind": kind,
        "description": description,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "is_online": is_online,
        "place": place,
        "online_url": online_url,
        "region": region,
        "audience": audience,
        "enterprise_capacity": enterprise_capacity,
        "student_capacity": student_capacity,
        "registration_deadline": deadline,
    }


def event_create(*, actor: User, organizer: Organization, values: Mapping[str, Any]) -> MatchEvent:
    """Create and publish an event in the organiser's name."""
    if not user_can_organize_for(actor, organizer):
        audit_refusal(actor=actor, action="event.create", message=ORGANIZE_REFUSAL)
    fields = event_values_clean(values, creating=True)
    with transaction.atomic():
        event = MatchEvent.objects.create(organizer=organizer, created_by=actor, **fields)
        audit_event_record(
            actor=actor,
            action="event.create",
            target=event,
            changes={
                "organizer": [None, organizer.pk],
                "title": [None, event.title],
                "kind": [None, event.kind],
                "starts_at": [None, event.starts_at.isoformat()],
            },
        )
    return event


def _refuse_unless_manager(*, actor: User, event: MatchEvent, action: str) -> None:
    if not user_can_manage_event(actor, event):
        audit_refusal(actor=actor, action=action, target=event, message=MANAGE_REFUSAL)


def event_update(*, actor: User, event: MatchEvent, values: Mapping[str, Any]) -> MatchEvent:
    """Change an event; tell the registered people and enterprises when its time or place moves."""
    _refuse_unless_manager(actor=actor, event=event, action="event.update")
    if event.state == EventState.CANCELLED:
        raise ConflictError("该活动已取消，不能修改。")
    with transaction.atomic():
        locked = MatchEvent.objects.select_for_update().get(pk=event.pk)
        if locked.state == EventState.CANCELLED:
            raise ConflictError("该活动已取消，不能修改。")
        fields = event_values_clean(values, creating=False, event=locked)
        before = {name: getattr(locked, name) for name in fields}
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        changes = changes_between(before, fields)
        if changes:
            audit_event_record(actor=actor, action="event.update", target=locked, changes=changes)
        moved = {"starts_at", "ends_at", "place", "online_url", "is_online"} & set(changes)
        if moved:
            notify(
                participant_ids(locked),
                event=locked,
                title=f"招聘活动“{locked.title}”的时间或地点有变",
                body="主办单位修改了活动的时间或地点，请打开活动页查看最新安排。",
            )
    for name in fields:
        setattr(event, name, getattr(locked, name))
    return event


def event_cancel(*, actor: User, event: MatchEvent, reason: str) -> MatchEvent:
    """Cancel an event (reason required); tell everyone registered, people and enterprises."""
    _refuse_unless_manager(actor=actor, event=event, action="event.cancel")
    text = (reason or "").strip()
    if not text:
        raise ApplicationError(
            "取消活动时必须填写原因，报名者会收到。",
            extra={"fields": {"reason": ["请填写取消原因。"]}, "field": "reason"},
        )
    with transaction.atomic():
        locked = MatchEvent.objects.select_for_update().get(pk=event.pk)
        if locked.state == EventState.CANCELLED:
            raise ConflictError("该活动已取消。")
        if locked.ends_at <= timezone.now():
            raise ConflictError("该活动已结束，不能取消。")
        locked.state = EventState.CANCELLED
        locked.cancel_reason = text[:500]
        locked.save(update_fields=["state", "cancel_reason", "updated_at"])
        audit_event_record(
            actor=actor,
            action="event.cancel",
            target=locked,
            changes={"state": [EventState.PUBLISHED, EventState.CANCELLED], "reason": text},
        )
        notify(
            participant_ids(locked),
            event=locked,
            title=f"招聘活动“{locked.title}”已取消",
            body=f"取消原因：{text}",
        )
    event.state = locked.state
    event.cancel_reason = locked.cancel_reason
    return event
