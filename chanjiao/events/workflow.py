"""The transition table of an enterprise's registration: 待审核 → 已通过 / 未通过; 撤回.

Approving counts the event's approved enterprises under the event's row lock, so two
organiser members approving the last two enterprises at once cannot exceed the capacity.
"""

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.events.models import EventEnterprise, EventState, MatchEvent, ParticipationState
from chanjiao.events.permissions import (
    DECIDE_REFUSAL,
    PARTICIPATION_REFUSAL,
    user_can_act_for_participation,
    user_can_decide_participation,
)
from chanjiao.events.selectors import EVENT_CANCELLED, event_approved_count
from chanjiao.workflow.definitions import Transition, Workflow

S = ParticipationState
EVENT_OVER = "该活动已结束。"


def enterprise_capacity_message(capacity: int) -> str:
    return f"参会单位已满（上限 {capacity} 家），不能再通过。"


def _locked_event(participation: EventEnterprise) -> MatchEvent:
    event = MatchEvent.objects.select_for_update().get(pk=participation.event_id)
    if event.state == EventState.CANCELLED:
        raise ConflictError(EVENT_CANCELLED)
    if event.ends_at <= timezone.now():
        raise ApplicationError(EVENT_OVER)
    return event


def _check_capacity(participation: EventEnterprise) -> None:
    """The event is open and has room for one more approved enterprise (under its row lock)."""
    event = _locked_event(participation)
    if event.enterprise_capacity is None:
        return
    approved = event_approved_count(event)
    if approved >= event.enterprise_capacity:
        raise ApplicationError(
            enterprise_capacity_message(event.enterprise_capacity),
            extra={"capacity": event.enterprise_capacity, "approved": approved},
        )


def _check_open(participation: EventEnterprise) -> None:
    _locked_event(participation)


def _set_decided(participation: EventEnterprise, actor: User | None) -> None:
    participation.decided_by = actor
    participation.decided_at = timezone.now()


EVENT_ENTERPRISE_WORKFLOW: Workflow[EventEnterprise] = Workflow(
    name="event_enterprise",
    model=EventEnterprise,
    state_field="state",
    audit_prefix="event_enterprise",
    object_label="该参会报名",
    transitions=(
        Transition(
            name="approve",
            sources=frozenset({S.PENDING}),
            target=S.APPROVED,
            label="通过",
            allowed=user_can_decide_participation,
            refusal=DECIDE_REFUSAL,
            check=_check_capacity,
            apply=_set_decided,
        ),
        Transition(
            name="decline",
            sources=frozenset({S.PENDING}),
            target=S.DECLINED,
            label="不通过",
            allowed=user_can_decide_participation,
            refusal=DECIDE_REFUSAL,
            apply=_set_decided,
        ),
        Transition(
            name="withdraw",
            sources=frozenset({S.PENDING, S.APPROVED}),
            target=S.WITHDRAWN,
            label="撤回报名",
            allowed=user_can_act_for_participation,
            refusal=PARTICIPATION_REFUSAL,
            check=_check_open,
        ),
    ),
)
