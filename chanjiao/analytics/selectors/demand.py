"""Demand and supply tables of a region and year, read from the analytics count tables.

Every figure comes from the count tables filled by ``analytics_fill``; nothing here reads the
raw listings or statistics rows. ``public=True`` applies the suppression rule of
``chanjiao.analytics.suppression``.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Sum

from chanjiao.analytics import dimensions as dims
from chanjiao.analytics.models import DemandCount, DemandSource, FillState, SupplyCount
from chanjiao.analytics.regions import public_region_check, region_resolve
from chanjiao.analytics.selectors.rows import DemandRow, SupplyRow
from chanjiao.analytics.suppression import suppress_flat, suppress_hierarchy
from chanjiao.common.exceptions import ApplicationError


def _source_check(source: str) -> str:
    if source not in DemandSource.values:
        raise ApplicationError(
            "来源 source 只能是 listings（平台信息）或 labor_market（人社统计）。",
            {"field": "source"},
        )
    return source


def _demand_totals(region: Any, year: int, source: str, by: str) -> dict[str, list[int]]:
    """Sum openings and postings per code of the dimension's own level."""
    dimension = dims.demand_dimension(by)
    code_field = "industry_code" if dimension.catalog == "industry" else "occupation_code"
    rows = (
        DemandCount.objects.filter(region=region, year=year, source=source)
        .values(code_field)
        .annotate(openings=Sum("openings"), postings=Sum("postings"))
        .order_by()
    )
    leaves = {row[code_field]: (row["openings"], row["postings"]) for row in rows}
    level = dims.dimension_levels(dimension, leaves)[-1]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, (openings, postings) in leaves.items():
        totals[level(code)][0] += openings
        totals[level(code)][1] += postings
    return dict(totals)


def demand_table(
    *, region: Any, year: int, by: str, public: bool, source: str = DemandSource.LISTINGS
) -> list[DemandRow]:
    """Return openings (headcount) and postings per category of a region and year."""
    region = region_resolve(region)
    if public:
        public_region_check(region)
    dimension = dims.demand_dimension(by)
    totals = _demand_totals(region, year, _source_check(source), by)
    hidden: set[str] = set()
    if public:
        hidden = _demand_hidden(region, year, source, dimension)
    names = _names(dimension.catalog, totals)
    rows = [
        DemandRow(
            code,
            names[code],
            None if code in hidden else openings,
            None if code in hidden else postings,
            code in hidden,
        )
        for code, (openings, postings) in totals.items()
    ]
    return sorted(rows, key=lambda row: (row.suppressed, -(row.openings or 0), row.code))


def _demand_hidden(region: Any, year: int, source: str, dimension: dims.Dimension) -> set[str]:
    """Return the hidden codes at the dimension's level, protected up its hierarchy."""
    by_leaf = {"industry": "industry", "occupation": "occupation"}[dimension.catalog]
    leaves = _demand_totals(region, year, source, by_leaf)
    levels = dims.dimension_levels(dimension, leaves)
    return suppress_hierarchy({code: value[0] for code, value in leaves.items()}, levels)


def _names(catalog: str, codes: Iterable[str]) -> dict[str, str]:
    names = dims.catalog_names(catalog, codes)
    return {code: names.get(code, code) if code else dims.UNKNOWN_NAMES[catalog] for code in codes}


def supply_table(*, region: Any, year: int, public: bool) -> list[SupplyRow]:
    """Return schools, graduates and enrollment per major of a region and year."""
    region = region_resolve(region)
    if public:
        public_region_check(region)
    totals = _supply_by_major(region, year)
    hidden = _supply_hidden(totals) if public else set()
    labels = dims.major_labels(totals)
    rows = []
    for pk, values in totals.items():
        shown: tuple[int | None, int | None, int | None] = (
            (None, None, None) if pk in hidden else values
        )
        rows.append(SupplyRow(labels[pk][0], labels[pk][1], *shown, pk in hidden))
    return sorted(rows, key=lambda row: (row.suppressed, -(row.graduates or 0), row.code))


def _supply_by_major(region: Any, year: int) -> dict[int, tuple[int, int, int]]:
    rows = SupplyCount.objects.filter(region=region, year=year).values_list(
        "major_id", "schools", "graduates", "enrollment"
    )
    return {pk: (schools, graduates, enrollment) for pk, schools, graduates, enrollment in rows}


def _supply_hidden(totals: dict[int, tuple[int, int, int]]) -> set[int]:
    keys = sorted(totals)
    flags = suppress_flat([[totals[k][1] for k in keys], [totals[k][2] for k in keys]])
    return {key for key, flag in zip(keys, flags, strict=True) if flag}


def demand_history(
    *, region: Any, by: str, years: Iterable[int] | None = None, source: str | None = None
) -> dict[str, dict[int, int]]:
    """Return openings per code and year (both sources summed unless ``source`` is given)."""
    region = region_resolve(region)
    dimension = dims.demand_dimension(by)
    code_field = "industry_code" if dimension.catalog == "industry" else "occupation_code"
    rows = DemandCount.objects.filter(region=region)
    if source is not None:
        rows = rows.filter(source=_source_check(source))
    if years is not None:
        rows = rows.filter(year__in=list(years))
    grouped = rows.values(code_field, "year").annotate(openings=Sum("openings")).order_by()
    leaves = [(row[code_field], row["year"], row["openings"]) for row in grouped]
    level = dims.dimension_levels(dimension, {leaf[0] for leaf in leaves})[-1]
    history: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for code, year, openings in leaves:
        history[level(code)][year] += openings
    return {code: dict(sorted(by_year.items())) for code, by_year in sorted(history.items())}


def analytics_years(*, region: Any) -> list[int]:
    """Return the years that have demand or supply figures for a region, oldest first."""
    region = region_resolve(region)
    demand = DemandCount.objects.filter(region=region).values_list("year", flat=True)
    supply = SupplyCount.objects.filter(region=region).values_list("year", flat=True)
    return sorted(set(demand.distinct().order_by()) | set(supply.distinct().order_by()))


def analytics_year_sides(*, region: Any) -> dict[int, set[str]]:
    """Return, per year, which sides have figures: the demand sources and ``"supply"``."""
    region = region_resolve(region)
    sides: dict[int, set[str]] = defaultdict(set)
    demand = DemandCount.objects.filter(region=region, openings__gt=0)
    for year, source in demand.values_list("year", "source").distinct().order_by():
        sides[int(year)].add(str(source))
    supply = SupplyCount.objects.filter(region=region, graduates__gt=0)
    for year in supply.values_list("year", flat=True).distinct().order_by():
        sides[int(year)].add("supply")
    return dict(sorted(sides.items()))


def aligned_years(*, region: Any, source: str | None = None) -> list[int]:
    """Return the years with both demand (of ``source``, or any) and graduates, oldest first.

    Supply is compared with demand of the same year only, so these are the years whose
    supply–demand tables carry both sides.
    """
    return years_with_both_sides(analytics_year_sides(region=region), source=source)


def years_with_both_sides(sides: dict[int, set[str]], *, source: str | None = None) -> list[int]:
    """``aligned_years`` of sides already read by ``analytics_year_sides`` (no query)."""
    sources = {_source_check(source)} if source else set(DemandSource.values)
    return [year for year, on in sides.items() if "supply" in on and on & sources]


def fill_state_list() -> list[FillState]:
    """Return how far every statistic has been filled."""
    return list(FillState.objects.order_by("stat"))
