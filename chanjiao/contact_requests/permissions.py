"""Who may ask a school for graduates, who answers, and who sees a request and its contact person.

A request belongs to two organisations: the requesting one (an enterprise, association, research
institute or training provider) and the school. Only their 机构管理员 and 信息员 see it; platform
staff do not (the contact person is shared with the requesting organisation only).
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.organizations.models import SCHOOL_TYPES, Organization, OrganizationType
from chanjiao.organizations.permissions import ACT_FOR_ROLES, user_can_act_for_organization

REQUESTER_TYPES = frozenset(OrganizationType) - SCHOOL_TYPES - {OrganizationType.GOVERNMENT}


def _acting_organizations(user: User | AnonymousUser) -> list[Organization]:
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if m.role in ACT_FOR_ROLES
    }
    return sorted(found.values(), key=lambda organization: (organization.name, organization.pk))


def requesting_organizations(user: User | AnonymousUser) -> list[Organization]:
    """Return the verified non-school organisations the user may ask schools for, by name."""
    return [
        organization
        for organization in _acting_organizations(user)
        if organization.org_type in REQUESTER_TYPES and organization.is_verified
    ]


def sending_organization_ids(user: User | AnonymousUser) -> list[int]:
    """Return the non-school organisations whose sent requests the user sees, verified or not.

    A request sent before a revocation of verification stays visible to its sender.
    """
    return [o.pk for o in _acting_organizations(user) if not o.is_school]


def answering_schools(user: User | AnonymousUser) -> list[Organization]:
    """Return the schools whose requests the user answers (their 机构管理员 or 信息员), by name."""
    return [o for o in _acting_organizations(user) if o.is_school]


def user_can_request_contact(user: User | AnonymousUser) -> bool:
    """Tell whether the user may ask any school for graduates."""
    return bool(requesting_organizations(user))


def user_can_request_for(user: User | AnonymousUser, organization: Organization) -> bool:
    """Ask in this organisation's name: its 机构管理员 or 信息员, a verified non-school."""
    return any(o.pk == organization.pk for o in requesting_organizations(user))


def user_can_answer_request(user: User | AnonymousUser, request: ContactRequest) -> bool:
    """Accept or decline: the school's 机构管理员 or 信息员 only."""
    return user_can_act_for_organization(user, request.school)


def user_can_withdraw_request(user: User | AnonymousUser, request: ContactRequest) -> bool:
    """Withdraw: the requesting organisation's 机构管理员 or 信息员."""
    return user_can_act_for_organization(user, request.enterprise)


def user_can_see_request(user: User | AnonymousUser, request: ContactRequest) -> bool:
    """See a request at all: the 机构管理员 and 信息员 of either organisation, nobody else."""
    return user_can_act_for_organization(user, request.enterprise) or (
        user_can_act_for_organization(user, request.school)
    )


def user_can_see_contact_person(user: User | AnonymousUser, request: ContactRequest) -> bool:
    """See the contact person whole: the requesting organisation's members, once accepted."""
    if request.state != ContactRequestState.ACCEPTED:
        return False
    return user_can_act_for_organization(user, request.enterprise)
