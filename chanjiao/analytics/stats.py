"""The statistics the analytics job fills, each declared once (Zulip's ``CountStat``)."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.functions import ExtractYear

from chanjiao.analytics import aggregate
from chanjiao.analytics.apportion import cells_from_counts
from chanjiao.analytics.models import DemandCount, SupplyCount, SupplyDemandCell
from chanjiao.catalogs.models import MajorOccupationLink
from chanjiao.listings.models import Listing
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

Rows = dict[Any, Any]


@dataclass(frozen=True)
class CountStat:
    """One statistic: its table, how to compute its rows, and which years changed since a time."""

    name: str
    label: str
    model: type[models.Model]
    compute: Callable[[set[int] | None], Rows]
    changed_years: Callable[[datetime.datetime], set[int]]
    columns: tuple[str, ...]  # the key's columns, then the measures' columns


def _years(queryset: models.QuerySet[Any], field: str = "year") -> set[int]:
    return {year for year in queryset.values_list(field, flat=True).distinct() if year}


def _listing_years(since: datetime.datetime) -> set[int]:
    rows = Listing.objects.filter(
        kind__in=aggregate.DEMAND_KINDS, published_at__isnull=False, updated_at__gte=since
    ).annotate(pub_year=ExtractYear("published_at"))
    return _years(rows.order_by(), "pub_year")


def _demand_years(since: datetime.datetime) -> set[int]:
    labor = LaborMarketStat.objects.filter(updated_at__gte=since).order_by()
    return _listing_years(since) | _years(labor)


def _supply_years(since: datetime.datetime) -> set[int]:
    return _years(MajorYearStat.objects.filter(updated_at__gte=since).order_by())


def _cell_years(since: datetime.datetime) -> set[int]:
    if MajorOccupationLink.objects.filter(updated_at__gte=since).exists():
        return _years(DemandCount.objects.order_by()) | _years(SupplyCount.objects.order_by())
    return _demand_years(since) | _supply_years(since)


def _compute_demand(years: set[int] | None) -> Rows:
    return {**aggregate.demand_from_listings(years), **aggregate.demand_from_labor_market(years)}


def _read_counts(years: set[int] | None) -> tuple[Rows, Rows]:
    demand_rows = DemandCount.objects.order_by()
    supply_rows = SupplyCount.objects.order_by()
    if years is not None:
        demand_rows = demand_rows.filter(year__in=sorted(years))
        supply_rows = supply_rows.filter(year__in=sorted(years))
    demand_fields = ("region_id", "year", "source", "industry_code", "occupation_code")
    demand = {
        row[:5]: list(row[5:])
        for row in demand_rows.values_list(*demand_fields, "openings", "postings", "jobseekers")
    }
    supply = {
        row[:3]: list(row[3:])
        for row in supply_rows.values_list(
            "region_id", "year", "major_id", "schools", "graduates", "enrollment"
        )
    }
    return demand, supply


def _compute_cells(years: set[int] | None) -> Rows:
    demand, supply = _read_counts(years)
    return cells_from_counts(demand, supply)


# Filled in this order: the cells are computed from the two count tables.
COUNT_STATS: tuple[CountStat, ...] = (
    CountStat(
        name="demand",
        label="需求（招聘/实习人数）",
        model=DemandCount,
        compute=_compute_demand,
        changed_years=_demand_years,
        columns=(
            "region_id",
            "year",
            "source",
            "industry_code",
            "occupation_code",
            "openings",
            "postings",
            "jobseekers",
        ),
    ),
    CountStat(
        name="supply",
        label="供给（毕业生/招生）",
        model=SupplyCount,
        compute=aggregate.supply_from_statistics,
        changed_years=_supply_years,
        columns=("region_id", "year", "major_id", "schools", "graduates", "enrollment"),
    ),
    CountStat(
        name="supply_demand",
        label="供需对照（按专业—职业对应分摊）",
        model=SupplyDemandCell,
        compute=_compute_cells,
        changed_years=_cell_years,
        columns=("region_id", "year", "source", "occupation_code", "major_id", "demand", "supply"),
    ),
)


def count_stat(name: str) -> CountStat:
    """Return the statistic with this name."""
    for stat in COUNT_STATS:
        if stat.name == name:
            return stat
    raise KeyError(name)


def count_stat_names() -> Iterable[str]:
    """Return the names of every statistic in fill order."""
    return [stat.name for stat in COUNT_STATS]
