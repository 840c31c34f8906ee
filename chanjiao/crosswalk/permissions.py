"""Who may edit the crosswalk: platform staff only; everyone may read it."""

from typing import Any


def user_can_curate(user: Any) -> bool:
    """Tell whether the user may add, remove, confirm or reject crosswalk links."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)
