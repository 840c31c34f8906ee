"""Who may organise events, who registers an enterprise with posts, who may register as a person."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships, user_roles_in
from chanjiao.events.models import EventAudience, EventEnterprise, MatchEvent
from chanjiao.organizations.models import SCHOOL_TYPES, Organization, OrganizationType
from chanjiao.organizations.permissions import ACT_FOR_ROLES, user_can_act_for_organization

ORGANIZE_REFUSAL = (
    "只有已认证学校、行业协会的机构管理员或信息员，或政府部门的政府管理员可以主办招聘活动。"
)
MANAGE_REFUSAL = "只有主办单位的机构管理员、信息员（政府部门为政府管理员）可以管理该活动。"
ENTERPRISE_REFUSAL = (
    "只有已认证企业（或科研院所、培训机构、行业协会）的机构管理员或信息员可以报名参会。"
)
PARTICIPATION_REFUSAL = "只有参会单位的机构管理员或信息员可以撤回报名。"
DECIDE_REFUSAL = "只有主办单位可以审核参会单位。"


def _is_government(organization: Organization) -> bool:
    return organization.org_type == OrganizationType.GOVERNMENT


def organizing_roles(organization: Organization) -> frozenset[str]:
    """The roles that organise in the organisation's name: 政府管理员 of a government body,
    else 机构管理员 and 信息员 (who also hear about the events' registrations)."""
    if _is_government(organization):
        return frozenset({Role.GOV_ADMIN})
    return ACT_FOR_ROLES


def user_can_organize_for(user: User | AnonymousUser, organization: Organization) -> bool:
    """Organise in the organisation's name.

    A verified school or association: its 机构管理员 or 信息员; a government body: its 政府管理员.
    """
    if not _is_government(organization) and (
        organization.org_type not in SCHOOL_TYPES | {OrganizationType.ASSOCIATION}
        or not organization.is_verified
    ):
        return False
    return bool(organizing_roles(organization) & user_roles_in(user, organization.pk))


def _organizations_where(
    user: User | AnonymousUser, allowed: Callable[[User | AnonymousUser, Organization], bool]
) -> list[Organization]:
    """The user's organisations (active memberships) for which ``allowed`` holds, by name."""
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if allowed(user, m.organization)
    }
    return sorted(found.values(), key=lambda org: org.name)


def organizations_user_organizes_for(user: User | AnonymousUser) -> list[Organization]:
    """The organisations in whose name the user may organise events, by name."""
    return _organizations_where(user, user_can_organize_for)


def user_can_manage_event(user: User | AnonymousUser, event: MatchEvent) -> bool:
    """Edit, cancel, decide on enterprises and read the outcome: the organiser's people."""
    return user_can_organize_for(user, event.organizer)


def user_can_register_enterprise(user: User | AnonymousUser, organization: Organization) -> bool:
    """Register an organisation as a participant: a verified non-school, non-government body's
    机构管理员 or 信息员."""
    if _is_government(organization) or organization.org_type in SCHOOL_TYPES:
        return False
    return organization.is_verified and user_can_act_for_organization(user, organization)


def organizations_user_registers_for(user: User | AnonymousUser) -> list[Organization]:
    """The organisations the user may register for events with their posts, by name."""
    return _organizations_where(user, user_can_register_enterprise)


def user_can_act_for_participation(
    user: User | AnonymousUser, participation: EventEnterprise
) -> bool:
    """Withdraw a registration: the participating organisation's 机构管理员 or 信息员."""
    return bool(ACT_FOR_ROLES & user_roles_in(user, participation.organization_id))


def user_can_decide_participation(
    user: User | AnonymousUser, participation: EventEnterprise
) -> bool:
    """Approve or decline an enterprise: the event's organiser."""
    return user_can_manage_event(user, participation.event)


def audience_refusal(user: User | AnonymousUser, event: MatchEvent) -> str:
    """Why this person may not register for the event's audience ("" when they may).

    应届毕业生 needs a confirmed student profile as a graduate, or as a student graduating this
    year; 在校生 needs one as a student. 不限 and 社会求职者 take anyone signed in.
    """
    if not user.is_authenticated:
        return "请先登录后再报名。"
    if event.audience not in (EventAudience.GRADUATES, EventAudience.STUDENTS):
        return ""
    profile = getattr(user, "student_profile", None)
    if event.audience == EventAudience.GRADUATES:
        this_year = timezone.localdate().year
        if profile is not None and (
            profile.status == "graduate"
            or (profile.status == "student" and profile.graduation_year <= this_year)
        ):
            return ""
        return (
            "该活动面向应届毕业生。请先在“学校确认”中提交申请，学校确认您的毕业生身份后即可报名。"
        )
    if profile is not None and profile.status == "student":
        return ""
    return "该活动面向在校生。请先在“学校确认”中提交申请，学校确认您的在校生身份后即可报名。"
