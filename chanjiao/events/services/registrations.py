"""People register within the event's audience and capacity, and cancel."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.events.models import (
    EventRegistration,
    MatchEvent,
)
from chanjiao.events.permissions import (
    audience_refusal,
)
from chanjiao.events.services.shared import (
    ALREADY_REGISTERED,
    refuse_if_closed,
)


def student_capacity_message(capacity: int) -> str:
    return f"报名人数已满（上限 {capacity} 人）。"


def event_register(*, actor: User, event: MatchEvent) -> EventRegistration:
    """Register the signed-in person, within the event's audience and capacity."""
    refusal = audience_refusal(actor, event)
    if refusal:
        audit_refusal(
            actor=actor, action="event_registration.create", target=event, message=refusal
        )
    refuse_if_closed(event)
    with transaction.atomic():
        # The event's row lock serialises registrations: two people never take the last seat.
        locked = MatchEvent.objects.select_for_update().get(pk=event.pk)
        refuse_if_closed(locked)
        current = locked.registrations.filter(state=EventRegistration.State.REGISTERED)
        if current.filter(user_id=actor.pk).exists():
            raise ConflictError(ALREADY_REGISTERED)
        capacity = locked.student_capacity
        if capacity is not None and current.count() >= capacity:
            raise ApplicationError(student_capacity_message(capacity), extra={"capacity": capacity})
        try:
            with transaction.atomic():
                registration = EventRegistration.objects.create(event=locked, user=actor)
        except IntegrityError:
            raise ConflictError(ALREADY_REGISTERED) from None
        audit_event_record(
            actor=actor,
            action="event_registration.create",
            target=registration,
            changes={"event": [None, locked.pk]},
        )
    return registration


def event_registration_cancel(*, actor: User, registration: EventRegistration) -> EventRegistration:
    """Cancel the person's own registration before the event starts; the place frees up."""
    if registration.user_id != actor.pk:
        audit_refusal(
            actor=actor,
            action="event_registration.cancel",
            target=registration,
            message="只能取消本人的报名。",
        )
    with transaction.atomic():
        event = MatchEvent.objects.select_for_update().get(pk=registration.event_id)
        locked = EventRegistration.objects.select_for_update().get(pk=registration.pk)
        if locked.state != EventRegistration.State.REGISTERED:
            raise ConflictError("该报名已取消。")
        if event.starts_at <= timezone.now():
            raise ApplicationError("活动已开始，不能再取消报名。")
        locked.state = EventRegistration.State.CANCELLED
        locked.save(update_fields=["state", "updated_at"])
        audit_event_record(
            actor=actor,
            action="event_registration.cancel",
            target=locked,
            changes={"state": [EventRegistration.State.REGISTERED, locked.state]},
        )
    registration.state = locked.state
    return registration
