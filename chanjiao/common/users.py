"""Who is acting: the signed-in account of a request, an actor that may be nobody, staff.

Views behind ``IsAuthenticated`` or ``login_required`` know ``request.user`` is a real account;
``acting_user`` says so to the type checker (and refuses an anonymous user, should a view forget
its guard, instead of handing ``AnonymousUser`` to a service). ``account_or_none`` is what a row
stores as its author or actor; ``is_platform_staff`` is the one test of platform staff, used from
the lowest layers up (``accounts.permissions`` re-exports it).
"""

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.request import Request

if TYPE_CHECKING:
    # common is the lowest layer: it names the account model for the type checker only.
    from chanjiao.accounts.models import User


def acting_user(request: HttpRequest | Request) -> "User":
    """Return the signed-in user of ``request``; raise ``PermissionDenied`` for an anonymous one."""
    user = request.user
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise PermissionDenied
    return user


def account_or_none(actor: "User | AnonymousUser | None") -> "User | None":
    """Return the signed-in account, or None for an anonymous visitor or the system."""
    if actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated:
        return None
    return actor


def is_platform_staff(user: "User | AnonymousUser") -> bool:
    """Tell whether the user operates the whole platform (Django staff)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
