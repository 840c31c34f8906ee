"""What a demonstration-data run reports: counts per kind and representative accounts."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.demo.services.scope import PLATFORM_ACCOUNTS, DemoScope
from chanjiao.listings.kinds import KINDS
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization, OrganizationType, SchoolMajor
from chanjiao.students.models import StudentProfile


@dataclass(frozen=True)
class DemoCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organization: str
    # platform, government, school, enterprise or student: what the account stands for
    group: str = ""
    # The base32 TOTP secret of a privileged account (second factor); empty for the others.
    totp_secret: str = ""


@dataclass(frozen=True)
class DemoSummary:
    counts: tuple[DemoCount, ...]
    created: int = 0
    updated: int = 0
    deleted: int = 0
    accounts: tuple[DemoAccount, ...] = ()
    password: str = ""

    def count(self, kind: str) -> int:
        """Return the count of one kind (an organisation type, ``user``, ``listing_job``…)."""
        return next(c.count for c in self.counts if c.kind == kind)

    def as_dict(self) -> dict[str, int]:
        return {c.kind: c.count for c in self.counts}


def demo_counts(scope: DemoScope | None = None) -> tuple[DemoCount, ...]:
    """Count the demonstration rows now in the database (of one locality's scope), kind by kind."""
    organizations: QuerySet[Organization] = Organization.objects.filter(is_demo=True)
    users: QuerySet[User] = User.objects.filter(is_demo=True)
    listings: QuerySet[Listing] = Listing.objects.filter(is_demo=True)
    if scope is not None:
        admin = User.objects.filter(is_demo=True, username__in=PLATFORM_ACCOUNTS)
        organizations, users = scope.organizations(), scope.users() | admin
        listings = scope.listings()
    by_type = dict(organizations.values_list("org_type").annotate(n=Count("pk")).order_by())
    by_status = dict(
        StudentProfile.objects.filter(is_demo=True, user__in=users)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = [DemoCount(t.value, t.label, by_type.get(t.value, 0)) for t in OrganizationType]
    counts += [
        DemoCount(
            "school_major",
            "专业点（学校×专业×年度）",
            SchoolMajor.objects.filter(school__in=organizations).count(),
        ),
        DemoCount("user", "用户账号", users.count()),
        DemoCount(
            "membership", "机构成员（角色）", Membership.objects.filter(user__in=users).count()
        ),
    ]
    counts += [
        DemoCount(s.value, s.label, by_status.get(s.value, 0)) for s in StudentProfile.Status
    ]
    by_kind = dict(listings.values_list("kind").annotate(n=Count("pk")).order_by())
    counts += [
        DemoCount(f"listing_{kind}", f"供需信息·{spec.label}", by_kind.get(kind, 0))
        for kind, spec in KINDS.items()
    ]
    return tuple(counts)


_ADMIN_ROLES = {Role.GOV_ADMIN.label, Role.ORG_ADMIN.label}
_LOCALITY_ACCOUNTS = (
    ("government", "政府管理员"),
    ("school", "学校管理员"),
    ("enterprise", "企业管理员"),
    ("student", "学生"),
)


def locality_accounts(summary: DemoSummary) -> list[tuple[str, DemoAccount]]:
    """A locality's officer, school admin, enterprise admin and student, where it has them."""
    found = []
    for group, label in _LOCALITY_ACCOUNTS:
        account = next(
            (
                a
                for a in summary.accounts
                if a.group == group and (group == "student" or a.role in _ADMIN_ROLES)
            ),
            None,
        )
        if account is not None:
            found.append((label, account))
    return found
