"""Who may read and change which organisations."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    user_governs_region_code,
    user_reviews_region_code,
    user_roles_in,
)
from chanjiao.catalogs.models import Region
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


def organization_admin_role(organization: Organization) -> str:
    """The role that administers it: 政府管理员 for a government body, else 机构管理员."""
    if organization.org_type == "government":
        return Role.GOV_ADMIN
    return Role.ORG_ADMIN


def invitable_roles(organization: Organization) -> list[str]:
    """The roles a person may be invited to: officers for a government body, staff roles else."""
    if organization.org_type == "government":
        return [Role.GOV_ADMIN, Role.REVIEWER]
    return [Role.ORG_ADMIN, Role.INFO_OFFICER, Role.REVIEWER]


def user_can_manage_members(user: User | AnonymousUser, organization: Organization) -> bool:
    """Invite, change and remove members.

    A government body's officers are managed by staff or a 政府管理员 of its region (or above);
    any other organisation's members by its 机构管理员, a 政府管理员 of its region, or staff.
    """
    if organization.org_type == "government":
        return is_platform_staff(user) or user_governs_region_code(user, organization.region.code)
    return user_can_administer_organization(user, organization)


def user_may_create_government_in(user: User | AnonymousUser, region: Region) -> bool:
    """Staff anywhere; a 政府管理员 only strictly below a region they govern."""
    if is_platform_staff(user):
        return True
    return any(
        region.code.startswith(code) and region.code != code for code in governed_region_codes(user)
    )
