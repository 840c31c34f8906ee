"""Who may change which locality profiles.

Everyone may read them. Platform staff may add localities and change any of them; a 政府管理员
may change the profiles of the localities inside the region their government governs.
"""

from typing import Any

from django.db.models import Q

from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    user_governs_region_code,
)
from chanjiao.localities.models import Locality

ADD = "add"
CHANGE = "change"


def user_can_create_locality(user: Any) -> bool:
    """Only platform staff add localities (through the API, the admin or a JSON file)."""
    return is_platform_staff(user)


def user_can_edit_locality(user: Any, locality: Locality) -> bool:
    """Staff, or a 政府管理员 whose region contains the locality's region."""
    if is_platform_staff(user):
        return True
    return user_governs_region_code(user, locality.region.code)


def user_has_permission(user: Any, action: str) -> bool:
    """Tell whether the user may ``add`` localities or ``change`` at least one."""
    if action == ADD:
        return user_can_create_locality(user)
    if action == CHANGE:
        return is_platform_staff(user) or bool(governed_region_codes(user))
    return False


def instances_user_has_permission_for(user: Any, action: str) -> Any:
    """Return the localities the user may ``change`` (none for any other action)."""
    if action != CHANGE:
        return Locality.objects.none()
    if is_platform_staff(user):
        return Locality.objects.all()
    condition = Q(pk__in=[])
    for code in governed_region_codes(user):
        condition |= Q(region__code__startswith=code)
    return Locality.objects.filter(condition)
