"""Who may read and change which organisations."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    user_governs_region_code,
    user_reviews_region_code,
    user_roles_in,
)
from chanjiao.organizations.models import Organization

ACT_FOR_ROLES = frozenset({Role.ORG_ADMIN, Role.INFO_OFFICER})


def user_can_administer_organization(
    user: User | AnonymousUser, organization: Organization
) -> bool:
    """Staff, the organisation's own 机构管理员, or a 政府管理员 of its region."""
    if is_platform_staff(user):
        return True
    if Role.ORG_ADMIN in user_roles_in(user, organization.pk):
        return True
    return user_governs_region_code(user, organization.region.code)


def user_can_verify_organization(user: User | AnonymousUser, organization: Organization) -> bool:
    """Staff, or a 审核员 / 政府管理员 of a government body over the organisation's region."""
    if is_platform_staff(user):
        return True
    return user_reviews_region_code(user, organization.region.code)


def user_can_act_for_organization(user: User | AnonymousUser, organization: Organization) -> bool:
    """Publish or edit in the organisation's name: its 机构管理员 or 信息员 only."""
    return bool(ACT_FOR_ROLES & user_roles_in(user, organization.pk))
