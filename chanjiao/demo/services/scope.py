"""Which demonstration rows belong to one locality, so each locality's data lives side by side.

A locality's demo organisations are those in its region (less the regions of other, nested
localities); its demo accounts carry its tag in their username (``demo_wz_gov_jyj`` for 梧州市),
the tag being the pinyin initials of the locality's short name, or the whole pinyin where two
localities share the initials. The platform's three demo administrators (三员分立: ``demo_admin``,
``demo_security``, ``demo_audit``) belong to none.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from pypinyin import Style, lazy_pinyin

from chanjiao.accounts.models import AdminRole, User
from chanjiao.listings.models import Listing
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import Organization

PLATFORM_ADMIN = "demo_admin"
# The platform's demo administrators and their roles (``accounts.models.AdminRole``).
PLATFORM_ACCOUNTS = {
    PLATFORM_ADMIN: AdminRole.SYSTEM,
    "demo_security": AdminRole.SECURITY,
    "demo_audit": AdminRole.AUDIT,
}


def locality_short_name(name: str) -> str:
    """梧州市 → 梧州, 五华区 → 五华, 北京市 → 北京."""
    match = re.match(r"(.+?)(市|自治州|地区|盟|县|区)", name)
    return match.group(1) if match else name


def _pinyin(name: str, style: Style = Style.NORMAL) -> str:
    """The short name in pinyin letters only: 梧州市 → wuzhou (or wz with FIRST_LETTER)."""
    letters = lazy_pinyin(locality_short_name(name), style=style)
    return re.sub(r"[^a-z]", "", "".join(letters).lower()) or "x"


def locality_tags() -> dict[int, str]:
    """Each locality's username tag: its initials, or its full pinyin where initials clash."""
    localities = list(Locality.objects.order_by("pk").values_list("pk", "name"))
    initials = {pk: _pinyin(name, Style.FIRST_LETTER) for pk, name in localities}
    counts = Counter(initials.values())
    tags = {
        pk: (_pinyin(name) if counts[initials[pk]] > 1 else initials[pk]) for pk, name in localities
    }
    # Two localities whose whole pinyin is the same still get apart by their primary key.
    seen: dict[str, int] = {}
    for pk in sorted(tags):
        if tags[pk] in seen:
            tags[pk] = f"{tags[pk]}{pk}"
        seen[tags[pk]] = pk
    return tags


@dataclass(frozen=True)
class DemoScope:
    """The demonstration rows of one locality."""

    locality: Locality
    tag: str
    nested_region_codes: tuple[str, ...]
    # Every locality's tag (this one's included): accounts under none of them are orphans.
    all_tags: tuple[str, ...]

    @property
    def username_prefix(self) -> str:
        return f"demo_{self.tag}_"

    def organizations(self) -> QuerySet[Organization]:
        rows = Organization.objects.filter(
            is_demo=True, region__code__startswith=self.locality.region.code
        )
        for code in self.nested_region_codes:
            rows = rows.exclude(region__code__startswith=code)
        return rows

    def users(self) -> QuerySet[User]:
        """The locality's demo accounts, and demo accounts no locality claims any more."""
        claimed = Q()
        for tag in self.all_tags:
            claimed |= Q(username__startswith=f"demo_{tag}_")
        orphans = (
            User.objects.filter(is_demo=True)
            .exclude(claimed)
            .exclude(username__in=PLATFORM_ACCOUNTS)
        )
        mine = User.objects.filter(is_demo=True, username__startswith=self.username_prefix)
        return mine | orphans

    def listings(self) -> QuerySet[Listing]:
        """The demo items its organisations published, or its people without an organisation."""
        return Listing.objects.filter(is_demo=True).filter(
            Q(organization__in=self.organizations())
            | Q(organization__isnull=True, author__in=self.users())
        )


def demo_scope(locality: Locality) -> DemoScope:
    """The scope of a locality's demonstration rows."""
    nested = tuple(
        other.region.code
        for other in Locality.objects.exclude(pk=locality.pk).select_related("region")
        if other.region.code != locality.region.code
        and other.region.code.startswith(locality.region.code)
    )
    tags = locality_tags()
    return DemoScope(
        locality=locality,
        tag=tags[locality.pk],
        nested_region_codes=nested,
        all_tags=tuple(tags.values()),
    )
