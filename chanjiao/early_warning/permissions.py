"""Who sees and changes which warnings.

A school's members see their own school's flags, and its 机构管理员 / 信息员 answer them. Platform
staff and the locality's government (政府管理员, 审核员) see all the locality's flags; staff and
the locality's 政府管理员 edit its rules, run evaluations and close flags. Nobody else sees any.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import (
    active_memberships,
    is_platform_staff,
    reviewed_region_codes,
)
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_can_manage_locality, user_is_locality_officer

RESPOND_ROLES = frozenset({Role.ORG_ADMIN, Role.INFO_OFFICER})


def user_can_manage_warnings(user: User | AnonymousUser, locality: Locality) -> bool:
    """Staff, or a 政府管理员 whose region contains the locality (the locality's policy)."""
    return user_can_manage_locality(user, locality)


def user_sees_all_warnings(user: User | AnonymousUser, locality: Locality) -> bool:
    """Staff, or a 政府管理员 / 审核员 of a government body over the locality."""
    return user_is_locality_officer(user, locality)


def user_school_ids(user: User | AnonymousUser) -> set[int]:
    """Return the ids of the schools the user is a member of (any role)."""
    return {m.organization_id for m in active_memberships(user) if m.organization.is_school}


def user_can_respond(user: User | AnonymousUser, school_id: int) -> bool:
    """A school's 机构管理员 or 信息员 may answer its flags."""
    return any(
        m.organization_id == school_id and m.role in RESPOND_ROLES for m in active_memberships(user)
    )


def flag_visibility(user: User | AnonymousUser) -> Q | None:
    """Return the condition on WarningFlag rows the user may see (None: none at all)."""
    if not user.is_authenticated:
        return None
    if is_platform_staff(user):
        return Q()
    condition = Q(pk__in=[])
    for code in reviewed_region_codes(user):
        condition |= Q(locality__region__code__startswith=code)
    if schools := user_school_ids(user):
        condition |= Q(school_id__in=sorted(schools))
    return condition
