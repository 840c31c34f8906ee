"""Who a user is in the platform: staff, a government admin of some regions, an org member.

Every other app's permission policy builds on these few functions.
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.common.users import is_platform_staff

__all__ = ["is_platform_staff"]  # the one staff test lives in common; callers import it here too


def active_memberships(user: User | AnonymousUser) -> list[Membership]:
    """Return the user's active memberships with their organisations and regions loaded."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_active_memberships", None)
    if cache is None:
        cache = list(
            Membership.objects.filter(user=user, is_active=True).select_related(
                "organization", "organization__region"
            )
        )
        user._active_memberships = cache
    return cache


def governed_region_codes(user: User | AnonymousUser) -> list[str]:
    """Return the region codes a 政府管理员 administers (each includes its sub-regions)."""
    return sorted(
        {
            m.organization.region.code
            for m in active_memberships(user)
            if m.role == Role.GOV_ADMIN and m.organization.org_type == "government"
        }
    )


def user_governs_region_code(user: User | AnonymousUser, code: str | None) -> bool:
    """Tell whether the user is a 政府管理员 whose region contains the region with this code."""
    if not code:
        return False
    return any(code.startswith(prefix) for prefix in governed_region_codes(user))


def reviewed_region_codes(user: User | AnonymousUser) -> list[str]:
    """Return the region codes a government body's 审核员 or 政府管理员 reviews."""
    return sorted(
        {
            m.organization.region.code
            for m in active_memberships(user)
            if m.role in (Role.REVIEWER, Role.GOV_ADMIN) and m.organization.org_type == "government"
        }
    )


def user_reviews_region_code(user: User | AnonymousUser, code: str | None) -> bool:
    """Tell whether the user reviews items and accounts of the region with this code."""
    if not code:
        return False
    return any(code.startswith(prefix) for prefix in reviewed_region_codes(user))


def user_roles_in(user: User | AnonymousUser, organization_id: int) -> set[str]:
    """Return the user's roles in one organisation."""
    return {m.role for m in active_memberships(user) if m.organization_id == organization_id}


def user_organization_ids(user: User | AnonymousUser) -> set[int]:
    """Return the ids of the organisations the user belongs to."""
    return {m.organization_id for m in active_memberships(user)}
