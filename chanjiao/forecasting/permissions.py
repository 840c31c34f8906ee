"""Who sees which forecast figures.

Published aggregate forecasts are public. Series built on small counts (below 5) are shown
with numbers only to the locality's officers (政府管理员 / 审核员 of a government body whose region
contains the locality) and platform staff; everyone else sees them suppressed.
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_is_locality_officer


def user_can_compute_forecasts(user: User | AnonymousUser, locality: Locality) -> bool:
    """Only the locality's officers and staff start a new forecast run."""
    return user_is_locality_officer(user, locality)


def user_sees_small_counts(user: User | AnonymousUser | None, locality: Locality) -> bool:
    """Tell whether the user sees series with counts below the suppression threshold."""
    return user_is_locality_officer(user, locality)
