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


# 三员分立 (GB/T 22239-2019 8.1.4.2): a staff account holds exactly one of these administrator
# roles (``User.admin_role``); the values mirror ``accounts.models.AdminRole``.
SYSTEM_ADMIN = "system"
SECURITY_ADMIN = "security"
AUDIT_ADMIN = "audit"


def staff_admin_role(user: "User | AnonymousUser") -> str | None:
    """Return the administrator role of an active staff account, or None for anyone else."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    return str(getattr(user, "admin_role", SYSTEM_ADMIN) or SYSTEM_ADMIN)


def is_platform_staff(user: "User | AnonymousUser") -> bool:
    """Tell whether the user operates the whole platform: a 系统管理员 (staff, system role).

    The security and audit administrators are staff too, but run nothing: one grants and withdraws
    rights, the other reads the audit log.
    """
    return staff_admin_role(user) == SYSTEM_ADMIN


def is_security_administrator(user: "User | AnonymousUser") -> bool:
    """Tell whether the user is the 安全管理员 (grants and withdraws rights)."""
    return staff_admin_role(user) == SECURITY_ADMIN


def is_audit_administrator(user: "User | AnonymousUser") -> bool:
    """Tell whether the user is the 审计管理员 (reads the audit log and nothing else)."""
    return staff_admin_role(user) == AUDIT_ADMIN
