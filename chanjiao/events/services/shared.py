"""Helpers the event services share: notices, history rows, the registration window."""

from collections.abc import Iterable

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.events.models import (
    EventEnterprise,
    EventRegistration,
    MatchEvent,
    ParticipationState,
)
from chanjiao.events.selectors import (
    registration_closed_reason,
)
from chanjiao.events.workflow import EVENT_CANCELLED, EVENT_ENTERPRISE_WORKFLOW
from chanjiao.organizations.models import OrganizationType
from chanjiao.organizations.permissions import ACT_FOR_ROLES
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.services import history_first_step

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


def organizer_member_ids(event: MatchEvent) -> list[int]:
    """Who hears about an event's registrations: the organiser's people who may manage it."""
    roles = (
        [Role.GOV_ADMIN]
        if event.organizer.org_type == OrganizationType.GOVERNMENT
        else list(ACT_FOR_ROLES)
    )
    return list(
        Membership.objects.filter(
            organization_id=event.organizer_id, is_active=True, role__in=roles
        ).values_list("user_id", flat=True)
    )


def notify(recipients: Iterable[int | User], *, event: MatchEvent, title: str, body: str) -> None:
    notice_send(
        recipients=recipients,
        notice=Notice(
            category=NoticeCategory.EVENT, title=title, body=body, url=event.get_absolute_url()
        ),
    )


def history_record(
    obj: EventEnterprise | MatchEvent, *, step: str, actor: User, to_state: str
) -> None:
    history_first_step(
        workflow=EVENT_ENTERPRISE_WORKFLOW.name if isinstance(obj, EventEnterprise) else "event",
        obj=obj,
        step=step,
        to_state=to_state,
        actor=actor,
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
