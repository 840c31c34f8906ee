"""Who may edit the crosswalk: platform staff only; everyone may read it."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User


def user_can_curate(user: User | AnonymousUser) -> bool:
    """Tell whether the user may add, remove, confirm or reject crosswalk links."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)
