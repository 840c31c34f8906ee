"""Who sees unsuppressed analytics figures: the region's 政府管理员 and platform staff."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    user_governs_region_code,
)
from chanjiao.catalogs.models import Region


def user_can_see_unsuppressed(user: User | AnonymousUser, region: Region) -> bool:
    """Tell whether the user may see small cells of this region (its officers and staff)."""
    if is_platform_staff(user):
        return True
    return user_governs_region_code(user, region.code)


def user_can_see_fill_state(user: User | AnonymousUser) -> bool:
    """Tell whether the user may see how far the count tables have been filled."""
    return is_platform_staff(user) or bool(governed_region_codes(user))
