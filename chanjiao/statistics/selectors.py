"""Reads of the statistics app, for its own pages and API and for the analysis apps.

The platform outcome counts of a school's students (applied / invited / hired) are read in
``chanjiao.statistics.outcomes``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Region
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat
from chanjiao.statistics.permissions import major_year_stats_visible_condition


def _region_code(region: Region | str | None) -> str | None:
    if region is None:
        return None
    return region.code if isinstance(region, Region) else str(region)


def major_year_stats(
    *,
    region: Region | str | None = None,
    school_ids: Iterable[int] | None = None,
    major_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
) -> QuerySet[MajorYearStat]:
    """Return 专业点年度统计 rows, optionally of schools in a region (sub-regions included)."""
    rows = MajorYearStat.objects.select_related("school", "school__region", "major")
    code = _region_code(region)
    if code is not None:
        rows = rows.filter(school__region__code__startswith=code)
    if school_ids is not None:
        rows = rows.filter(school_id__in=list(school_ids))
    if major_ids is not None:
        rows = rows.filter(major_id__in=list(major_ids))
    if years is not None:
        rows = rows.filter(year__in=list(years))
    return rows.order_by("school_id", "major_id", "year")


def major_year_stats_for_user(
    *,
    user: User | AnonymousUser,
    region: Region | str | None = None,
    school_ids: Iterable[int] | None = None,
    major_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
) -> QuerySet[MajorYearStat]:
    """Return the rows the user may read (own school, governed region, or all for staff)."""
    rows = major_year_stats(region=region, school_ids=school_ids, major_ids=major_ids, years=years)
    return rows.filter(major_year_stats_visible_condition(user))


def labor_market_series(
    *, region: Region | str | None = None, occupation_ids: Iterable[int] | None = None
) -> QuerySet[LaborMarketStat]:
    """Return 人社 供求 rows in time order; a region gives that region's own tables only.

    Sub-regions are not included: a city's table already counts its counties, so adding theirs
    would count people twice.
    """
    rows = LaborMarketStat.objects.select_related("region", "occupation")
    code = _region_code(region)
    if code is not None:
        rows = rows.filter(region__code=code)
    if occupation_ids is not None:
        rows = rows.filter(occupation_id__in=list(occupation_ids))
    return rows.order_by("year", "quarter", "region_label", "occupation_label")


@dataclass(frozen=True)
class StatTotals:
    """Sums of 专业点年度统计 rows: one year, or one major of a year."""

    label: str
    enrollment: int | None
    graduates: int | None
    placed: int | None  # 就业 + 升学, of the rows that report destinations
    placed_of: int | None  # the graduates of those rows

    @property
    def placement_rate(self) -> float | None:
        """去向落实率 in percent: (就业 + 升学) ÷ 毕业生, over the rows reporting destinations."""
        if not self.placed_of:
            return None
        return round(100 * (self.placed or 0) / self.placed_of, 1)


_REPORTS_DESTINATIONS = Q(graduates__gt=0) & (
    Q(employed__isnull=False) | Q(further_study__isnull=False)
)
_TOTALS = {
    "enrollment": Sum("actual_enrollment"),
    "graduates_sum": Sum("graduates"),
    "placed": Sum(
        Coalesce("employed", 0) + Coalesce("further_study", 0), filter=_REPORTS_DESTINATIONS
    ),
    "placed_of": Sum("graduates", filter=_REPORTS_DESTINATIONS),
}


def _totals(label: str, row: dict[str, Any]) -> StatTotals:
    return StatTotals(
        label, row["enrollment"], row["graduates_sum"], row["placed"], row["placed_of"]
    )


def major_year_totals_by_year(rows: QuerySet[MajorYearStat]) -> list[StatTotals]:
    """Sum 招生, 毕业生 and 落实去向 per year over ``rows`` (e.g. the rows a user may read)."""
    sums: Any = rows.order_by().values("year").annotate(**_TOTALS)
    sums = sums.order_by("year")
    return [_totals(str(row["year"]), row) for row in sums]


def major_year_totals_by_major(
    rows: QuerySet[MajorYearStat], *, year: int, limit: int
) -> list[StatTotals]:
    """The ``limit`` majors with the most graduates in ``year``, with their sums."""
    sums: Any = (
        rows.filter(year=year, graduates__isnull=False)
        .order_by()
        .values("major__name")
        .annotate(**_TOTALS)
    )
    sums = sums.order_by("-graduates_sum", "major__name")[:limit]
    return [_totals(row["major__name"], row) for row in sums]
