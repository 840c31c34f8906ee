"""The acting user of a request that only signed-in users reach.

Views behind ``IsAuthenticated`` or ``login_required`` know ``request.user`` is a real account;
``acting_user`` says so to the type checker (and refuses an anonymous user, should a view forget
its guard, instead of handing ``AnonymousUser`` to a service).
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
