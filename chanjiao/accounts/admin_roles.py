"""三员分立 in the admin site: what each administrator role may see and change there.

GB/T 22239-2019 8.1.4.2 (level 3) asks that the system, security and audit administrators be
separate roles, each with only the rights its work needs. ``AdminRoleBackend`` is an
authentication backend that answers Django's permission questions from the role
(``User.admin_role``) of an active staff account, so the admin site shows each role its own part:

- 系统管理员 runs the platform: the catalogues, localities, organisations, listings and the other
  business data, and people's accounts — but not their rights and not the audit log;
- 安全管理员 grants and withdraws rights: staff roles, groups, permissions, memberships, sign-in
  lockouts and second-factor devices — but runs no business data and reads no audit log;
- 审计管理员 reads the audit log and nothing else.

No one can grant rights and erase their trace: the audit log is append-only for every role, and
superusers cannot sign in on the web at all (``accounts.backends``).
"""

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import AnonymousUser, Permission

from chanjiao.common.users import AUDIT_ADMIN, SECURITY_ADMIN, SYSTEM_ADMIN, staff_admin_role

# The platform's business data: every model permission of these apps belongs to the system role.
SYSTEM_APPS = frozenset(
    {
        "catalogs",
        "organizations",
        "students",
        "localities",
        "listings",
        "subscriptions",
        "search",
        "crosswalk",
        "recommendations",
        "statistics",
        "analytics",
        "early_warning",
        "forecasting",
        "reports",
        "workflow",
        "django_tasks_database",
    }
)
SYSTEM_EXTRA = frozenset({"accounts.view_user", "accounts.add_user", "accounts.change_user"})
SECURITY_PERMISSIONS = frozenset(
    {
        "accounts.view_user",
        "accounts.change_user",
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.delete_membership",
        "auth.view_group",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_permission",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
    }
)
AUDIT_PERMISSIONS = frozenset({"audit.view_auditevent"})
# Fields of an account that are rights: only the security administrator changes them, and never
# their own; ``is_superuser`` is granted on the command line only.
RIGHTS_FIELDS = ("is_active", "is_staff", "admin_role", "groups", "user_permissions")
PROFILE_FIELDS = ("username", "first_name", "last_name", "email", "real_name", "is_demo")


def role_permissions(role: str | None) -> frozenset[str]:
    """Return the ``app_label.codename`` permissions an administrator role holds."""
    if role == SYSTEM_ADMIN:
        names = Permission.objects.filter(content_type__app_label__in=SYSTEM_APPS).values_list(
            "content_type__app_label", "codename"
        )
        return frozenset(f"{app}.{code}" for app, code in names) | SYSTEM_EXTRA
    if role == SECURITY_ADMIN:
        return SECURITY_PERMISSIONS
    if role == AUDIT_ADMIN:
        return AUDIT_PERMISSIONS
    return frozenset()


class AdminRoleBackend(BaseBackend):
    """Permissions from the administrator role; authenticates no one (the other backends do)."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or isinstance(user_obj, AnonymousUser):
            return set()
        cached = getattr(user_obj, "_admin_role_permissions", None)
        if cached is None:
            cached = role_permissions(staff_admin_role(user_obj))
            user_obj._admin_role_permissions = cached
        return set(cached)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(p.split(".", 1)[0] == app_label for p in self.get_all_permissions(user_obj))


def user_admin_readonly_fields(viewer: Any, subject: Any) -> list[str]:
    """The account fields ``viewer`` may not change on ``subject``'s page in the admin site."""
    readonly = ["is_superuser", "last_login", "date_joined", "password_changed_at"]
    role = staff_admin_role(viewer)
    if role != SECURITY_ADMIN or (subject is not None and subject.pk == viewer.pk):
        readonly += RIGHTS_FIELDS
    if role == SECURITY_ADMIN:
        readonly += PROFILE_FIELDS
    return readonly
