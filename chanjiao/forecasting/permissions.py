"""Who sees which forecast figures.

Published aggregate forecasts are public. Series built on small counts (below 5) are shown
with numbers only to the locality's officers (政府管理员 / 审核员 of a government body whose region
contains the locality) and platform staff; everyone else sees them suppressed.
"""

from typing import Any

from chanjiao.accounts.permissions import is_platform_staff, user_reviews_region_code
from chanjiao.localities.models import Locality


def user_is_locality_officer(user: Any, locality: Locality) -> bool:
    """Tell whether the user is platform staff or a government officer of the locality."""
    if user is None:
        return False
    if is_platform_staff(user):
        return True
    return user_reviews_region_code(user, locality.region.code)


def user_can_compute_forecasts(user: Any, locality: Locality) -> bool:
    """Only the locality's officers and staff start a new forecast run."""
    return user_is_locality_officer(user, locality)


def user_sees_small_counts(user: Any, locality: Locality) -> bool:
    """Tell whether the user sees series with counts below the suppression threshold."""
    return user_is_locality_officer(user, locality)
