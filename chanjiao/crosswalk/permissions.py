"""Who may edit the crosswalk: platform staff only; everyone may read it."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import is_platform_staff


def user_can_curate(user: User | AnonymousUser) -> bool:
    """Tell whether the user may add, remove, confirm or reject crosswalk links."""
    return is_platform_staff(user)
