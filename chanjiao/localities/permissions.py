"""Who may change which locality profiles, and the locality policy every app uses.

Everyone may read them. Platform staff may add localities and change any of them; a 政府管理员
may change the profiles of the localities inside the region their government governs.

The two locality policies other apps build on (warnings, forecasts, reports):
``user_can_manage_locality`` (staff, or a 政府管理员 over the locality) and
``user_is_locality_officer`` (staff, or a 政府管理员 / 审核员 over the locality).
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    user_governs_region_code,
    user_reviews_region_code,
)
from chanjiao.localities.models import Locality


def user_can_create_locality(user: User | AnonymousUser) -> bool:
    """Only platform staff add localities (through the API, the admin or a JSON file)."""
    return is_platform_staff(user)


def user_can_manage_locality(user: User | AnonymousUser | None, locality: Locality) -> bool:
    """Staff, or a 政府管理员 whose region contains the locality's region.

    They change the locality's profile, its warning rules and flags, and run its evaluations.
    """
    if user is None:
        return False
    if is_platform_staff(user):
        return True
    return user_governs_region_code(user, locality.region.code)


def user_is_locality_officer(user: User | AnonymousUser | None, locality: Locality) -> bool:
    """Staff, or a 政府管理员 / 审核员 of a government body whose region contains the locality.

    They see the locality's internal figures: all warnings, small-count forecasts, internal reports.
    """
    if user is None:
        return False
    if is_platform_staff(user):
        return True
    return user_reviews_region_code(user, locality.region.code)
