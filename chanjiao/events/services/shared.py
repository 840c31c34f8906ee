"""Helpers the event services share: notices, the registration window."""

from collections.abc import Iterable

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.events.models import (
    EventRegistration,
    MatchEvent,
    ParticipationState,
)
from chanjiao.events.permissions import organizing_roles
from chanjiao.events.selectors import (
    registration_closed_reason,
)
from chanjiao.events.workflow import EVENT_CANCELLED
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send

EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "starts_at",
    "ends_at",
    "is_online",
    "place",
    "online_url",
    "region",
    "audience",
    "enterprise_capacity",
    "student_capacity",
    "registration_deadline",
)
TITLE_MAX = 200
ALREADY_REGISTERED = "您已报名该活动。"
ENTERPRISE_ALREADY = "贵单位已报名该活动。"
REASON_REQUIRED = "不通过时必须填写原因，告诉报名单位为什么。"
POSTS_REQUIRED = "请至少选择一个携带的岗位。"
POSTS_INVALID = "所选岗位须为贵单位已发布、仍在有效期内的岗位需求或实习岗位。"


def organizer_member_ids(event: MatchEvent) -> set[int]:
    """Who hears about an event's registrations: the organiser's people who may manage it."""
    return acting_member_ids(event.organizer_id, roles=organizing_roles(event.organizer))


def notify(recipients: Iterable[int | User], *, event: MatchEvent, title: str, body: str) -> None:
    notice_send(
        recipients=recipients,
        notice=Notice(
            category=NoticeCategory.EVENT, title=title, body=body, url=event.get_absolute_url()
        ),
    )


def refuse_if_closed(event: MatchEvent) -> None:
    reason = registration_closed_reason(event)
    if reason == EVENT_CANCELLED:
        raise ConflictError(reason)
    if reason:
        raise ApplicationError(reason)


def participant_ids(event: MatchEvent) -> set[int]:
    people = set(
        event.registrations.filter(state=EventRegistration.State.REGISTERED).values_list(
            "user_id", flat=True
        )
    )
    registrants = set(
        event.enterprises.filter(
            state__in=[ParticipationState.PENDING, ParticipationState.APPROVED]
        ).values_list("registered_by_id", flat=True)
    )
    return people | registrants
