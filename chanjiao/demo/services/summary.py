"""What a demonstration-data run reports: counts per kind and representative accounts."""

from dataclasses import dataclass

from django.db.models import Count

from chanjiao.accounts.models import Membership, User
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


def demo_counts() -> tuple[DemoCount, ...]:
    """Count the demonstration rows now in the database, kind by kind."""
    by_type = dict(
        Organization.objects.filter(is_demo=True)
        .values_list("org_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_status = dict(
        StudentProfile.objects.filter(is_demo=True)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = [DemoCount(t.value, t.label, by_type.get(t.value, 0)) for t in OrganizationType]
    counts += [
        DemoCount(
            "school_major",
            "专业点（学校×专业×年度）",
            SchoolMajor.objects.filter(school__is_demo=True).count(),
        ),
        DemoCount("user", "用户账号", User.objects.filter(is_demo=True).count()),
        DemoCount(
            "membership", "机构成员（角色）", Membership.objects.filter(user__is_demo=True).count()
        ),
    ]
    counts += [
        DemoCount(s.value, s.label, by_status.get(s.value, 0)) for s in StudentProfile.Status
    ]
    by_kind = dict(
        Listing.objects.filter(is_demo=True).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    counts += [
        DemoCount(f"listing_{kind}", f"供需信息·{spec.label}", by_kind.get(kind, 0))
        for kind, spec in KINDS.items()
    ]
    return tuple(counts)
