"""Enterprises register with their posts; the organiser approves or declines; withdrawal.

Every step goes through ``EVENT_ENTERPRISE_WORKFLOW`` after the event's row lock, the same
lock order as registering, so two steps never deadlock and the capacity holds.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError, field_refusal
from chanjiao.events.models import (
    EventEnterprise,
    MatchEvent,
    ParticipationState,
)
from chanjiao.events.permissions import (
    ENTERPRISE_REFUSAL,
    user_can_register_enterprise,
)
from chanjiao.events.selectors import enterprise_post_options, event_approved_count
from chanjiao.events.services.shared import (
    ENTERPRISE_ALREADY,
    POSTS_INVALID,
    POSTS_REQUIRED,
    REASON_REQUIRED,
    notify,
    organizer_member_ids,
    refuse_if_closed,
)
from chanjiao.events.workflow import EVENT_ENTERPRISE_WORKFLOW
from chanjiao.organizations.models import Organization
from chanjiao.workflow.services import history_first_step, transition_apply, transition_check


def event_enterprise_register(
    *,
    actor: User,
    event: MatchEvent,
    organization: Organization,
    post_ids: Sequence[int],
    note: str = "",
) -> EventEnterprise:
    """Register an organisation for the event with the posts it brings (待主办方审核)."""
    if not user_can_register_enterprise(actor, organization):
        audit_refusal(
            actor=actor,
            action="event_enterprise.register",
            target=event,
            message=ENTERPRISE_REFUSAL,
        )
    refuse_if_closed(event)
    wanted = sorted({int(pk) for pk in post_ids})
    if not wanted:
        raise field_refusal("post_ids", POSTS_REQUIRED)
    posts = list(enterprise_post_options(organization).filter(pk__in=wanted))
    if len(posts) != len(wanted):
        raise field_refusal("post_ids", POSTS_INVALID)
    text = (note or "").strip()
    if len(text) > 500:
        raise field_refusal("note", "备注不能超过 500 个字。")
    with transaction.atomic():
        locked = MatchEvent.objects.select_for_update().get(pk=event.pk)
        refuse_if_closed(locked)
        taken = locked.enterprises.exclude(state=ParticipationState.WITHDRAWN)
        if taken.filter(organization=organization).exists():
            raise ConflictError(ENTERPRISE_ALREADY)
        capacity = locked.enterprise_capacity
        if capacity is not None and event_approved_count(locked) >= capacity:
            raise ApplicationError(f"参会单位已满（上限 {capacity} 家），暂不能报名。")
        try:
            with transaction.atomic():
                participation = EventEnterprise.objects.create(
                    event=locked, organization=organization, registered_by=actor, note=text
                )
        except IntegrityError:
            raise ConflictError(ENTERPRISE_ALREADY) from None
        participation.posts.set(posts)
        history_first_step(
            workflow=EVENT_ENTERPRISE_WORKFLOW.name,
            obj=participation,
            step="register",
            to_state=participation.state,
            actor=actor,
        )
        audit_event_record(
            actor=actor,
            action="event_enterprise.register",
            target=participation,
            changes={
                "event": [None, locked.pk],
                "organization": [None, organization.pk],
                "posts": [None, [post.pk for post in posts]],
            },
        )
        notify(
            organizer_member_ids(locked),
            event=locked,
            title=f"{organization.name} 报名参加“{locked.title}”",
            body=f"携带 {len(posts)} 个岗位，请在活动页审核。",
        )
    return participation


def _decide(
    *,
    actor: User,
    participation: EventEnterprise,
    name: str,
    tell: Callable[[EventEnterprise], None],
    reason: str = "",
    extra_changes: dict[str, Any] | None = None,
) -> EventEnterprise:
    # Refusals first, outside any transaction (they stay in the audit log); then the event's
    # lock before the registration's, the same order as registering, so no two steps deadlock.
    transition_check(workflow=EVENT_ENTERPRISE_WORKFLOW, obj=participation, name=name, actor=actor)
    with transaction.atomic():
        MatchEvent.objects.select_for_update().get(pk=participation.event_id)
        done = transition_apply(
            workflow=EVENT_ENTERPRISE_WORKFLOW,
            obj=participation,
            name=name,
            actor=actor,
            reason=reason,
            extra_changes=extra_changes,
        )
        tell(done)
    return done


def event_enterprise_approve(*, actor: User, participation: EventEnterprise) -> EventEnterprise:
    """Approve an enterprise (the organiser); refused when the enterprise places are taken."""

    def tell(done: EventEnterprise) -> None:
        notify(
            [done.registered_by_id],
            event=done.event,
            title=f"您报名的“{done.event.title}”已通过审核",
            body="贵单位及携带的岗位已在活动页公开，求职者可从活动页投递。",
        )

    return _decide(actor=actor, participation=participation, name="approve", tell=tell)


def event_enterprise_decline(
    *, actor: User, participation: EventEnterprise, reason: str | None
) -> EventEnterprise:
    """Decline an enterprise with the reason (required), which the enterprise reads."""
    text = (reason or "").strip()
    transition_check(
        workflow=EVENT_ENTERPRISE_WORKFLOW, obj=participation, name="decline", actor=actor
    )
    if not text:
        raise field_refusal("reason", REASON_REQUIRED)

    def tell(done: EventEnterprise) -> None:
        notify(
            [done.registered_by_id],
            event=done.event,
            title=f"您报名的“{done.event.title}”未通过审核",
            body=f"原因：{text}",
        )

    return _decide(
        actor=actor,
        participation=participation,
        name="decline",
        tell=tell,
        reason=text,
        extra_changes={"decline_reason": text[:500]},
    )


def event_enterprise_withdraw(*, actor: User, participation: EventEnterprise) -> EventEnterprise:
    """Withdraw the organisation's registration (pending or approved); the organiser is told."""

    def tell(done: EventEnterprise) -> None:
        notify(
            organizer_member_ids(done.event),
            event=done.event,
            title=f"{done.organization.name} 撤回了“{done.event.title}”的报名",
            body="该单位及其岗位已不在活动页显示。",
        )

    return _decide(actor=actor, participation=participation, name="withdraw", tell=tell)
