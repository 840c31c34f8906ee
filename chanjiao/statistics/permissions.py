"""Who may import and read which statistics.

A school's 机构管理员 or 信息员 imports its own school's 专业点 figures, a 政府管理员 those of the
schools in their region (sub-regions included), platform staff anything. Reading follows the same
lines (any member of a school reads its rows). 人社 tables are published figures: anyone reads them;
a 政府管理员 imports them for their region, staff for any region or the nation.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    active_memberships,
    governed_region_codes,
    is_platform_staff,
    user_governs_region_code,
    user_organization_ids,
)
from chanjiao.catalogs.models import Region
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import ACT_FOR_ROLES


def _acting_school_ids(user: User | AnonymousUser) -> set[int]:
    return {
        m.organization_id
        for m in active_memberships(user)
        if m.role in ACT_FOR_ROLES and m.organization.is_school
    }


def user_can_import_major_years(user: User | AnonymousUser) -> bool:
    """Tell whether the user may import 专业点 figures for at least one school."""
    if is_platform_staff(user):
        return True
    return bool(governed_region_codes(user) or _acting_school_ids(user))


def user_can_import_for_school(user: User | AnonymousUser, school: Organization) -> bool:
    """Staff, the school's 机构管理员/信息员, or a 政府管理员 of the school's region."""
    if is_platform_staff(user):
        return True
    if school.pk in _acting_school_ids(user):
        return True
    return user_governs_region_code(user, school.region.code)


def major_year_stats_visible_condition(user: User | AnonymousUser) -> Q:
    """Return the condition on MajorYearStat rows the user may read (nothing for anonymous)."""
    if is_platform_staff(user):
        return Q()
    nothing = Q(pk__in=[])
    if not user.is_authenticated:
        return nothing
    condition = nothing
    school_ids = {m.organization_id for m in active_memberships(user) if m.organization.is_school}
    if school_ids:
        condition |= Q(school_id__in=school_ids)
    for code in governed_region_codes(user):
        condition |= Q(school__region__code__startswith=code)
    return condition


def user_can_import_labor_market(user: User | AnonymousUser) -> bool:
    """Tell whether the user may import 人社 tables (a 政府管理员, or staff)."""
    return is_platform_staff(user) or bool(governed_region_codes(user))


def user_can_import_labor_market_for(user: User | AnonymousUser, region: Region | None) -> bool:
    """Staff for any region or the nation; a 政府管理员 for regions within theirs."""
    if is_platform_staff(user):
        return True
    return region is not None and user_governs_region_code(user, region.code)


def user_can_read_school_outcomes(user: User | AnonymousUser, school: Organization) -> bool:
    """Exact platform outcome counts: staff, the school's members, a 政府管理员 of its region."""
    if is_platform_staff(user):
        return True
    if school.pk in user_organization_ids(user):
        return True
    return user_governs_region_code(user, school.region.code)
