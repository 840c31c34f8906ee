"""Who may read and change which organisations."""

from typing import Any

from django.db.models import Q

from chanjiao.accounts.models import Role
from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    user_governs_region_code,
    user_roles_in,
)
from chanjiao.organizations.models import Organization, OrganizationQuerySet

ACT_FOR_ROLES = frozenset({Role.ORG_ADMIN, Role.INFO_OFFICER})


def user_can_administer_organization(user: Any, organization: Organization) -> bool:
    """Staff, the organisation's own 机构管理员, or a 政府管理员 of its region."""
    if is_platform_staff(user):
        return True
    if Role.ORG_ADMIN in user_roles_in(user, organization.pk):
        return True
    return user_governs_region_code(user, organization.region.code)


def user_can_act_for_organization(user: Any, organization: Organization) -> bool:
    """Publish or edit in the organisation's name: its 机构管理员 or 信息员 only."""
    return bool(ACT_FOR_ROLES & user_roles_in(user, organization.pk))


def organizations_administered_by(user: Any) -> OrganizationQuerySet:
    """Return the organisations the user may administer."""
    if is_platform_staff(user):
        return Organization.objects.all()
    condition = (
        Q(memberships__user=user, memberships__role=Role.ORG_ADMIN, memberships__is_active=True)
        if user.is_authenticated
        else Q(pk__in=[])
    )
    for code in governed_region_codes(user):
        condition |= Q(region__code__startswith=code)
    return Organization.objects.filter(condition).distinct()
