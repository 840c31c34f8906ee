"""Supply–demand tables: openings against graduates per major or occupation, via the crosswalk."""

from typing import Any

from django.db.models import Sum

from chanjiao.analytics import dimensions as dims
from chanjiao.analytics.crosswalk import GROUP_PARTS, occupation_levels
from chanjiao.analytics.models import DemandSource, SupplyDemandCell
from chanjiao.analytics.regions import public_region_check, region_resolve
from chanjiao.analytics.selectors.demand import (
    _demand_hidden,
    _source_check,
    _supply_by_major,
    _supply_hidden,
)
from chanjiao.analytics.selectors.rows import ApportionmentNote, SupplyDemandRow
from chanjiao.analytics.suppression import suppress_flat
from chanjiao.common.exceptions import ApplicationError

SUPPLY_DEMAND_DIMENSIONS = ("major", "occupation")


def _cell_totals(region: Any, year: int, source: str, by: str) -> dict[Any, tuple[float, float]]:
    key = "major_id" if by == "major" else "occupation_code"
    rows = (
        SupplyDemandCell.objects.filter(region=region, year=year, source=source)
        .values(key)
        .annotate(demand=Sum("demand"), supply=Sum("supply"))
        .order_by()
    )
    return {row[key]: (row["demand"], row["supply"]) for row in rows}


def _hidden_keys(
    region: Any, year: int, source: str, by: str, totals: dict[Any, tuple[float, float]]
) -> set[Any]:
    """Hide small demand or supply, starting from what the demand or supply table hides."""
    already: set[str] | set[int]
    if by == "occupation":
        already = _demand_hidden(region, year, source, dims.demand_dimension("occupation"))
    else:
        already = _supply_hidden(_supply_by_major(region, year))
    keys = sorted(totals, key=lambda k: (k is None, k or ""))
    flags = suppress_flat(
        [[totals[k][0] for k in keys], [totals[k][1] for k in keys]],
        already_hidden=[k in already for k in keys],
    )
    return {k for k, flag in zip(keys, flags, strict=True) if flag}


def _labels(by: str, keys: list[Any]) -> dict[Any, tuple[str, str]]:
    if by == "major":
        labels: dict[Any, tuple[str, str]] = dict(dims.major_labels(keys))
        labels[None] = ("", dims.UNKNOWN_NAMES["major"])
        return labels
    names = dims.catalog_names("occupation", keys)
    return {k: (k, names.get(k, k) if k else dims.UNKNOWN_NAMES["occupation"]) for k in keys}


def _row(label: tuple[str, str], demand: float, supply: float, hidden: bool) -> SupplyDemandRow:
    if hidden:
        return SupplyDemandRow(label[0], label[1], None, None, None, None, True)
    ratio = round(demand / supply, 2) if supply else None
    return SupplyDemandRow(
        label[0],
        label[1],
        round(demand, 1),
        round(supply, 1),
        round(demand - supply, 1),
        ratio,
        False,
    )


def supply_demand_table(
    *, region: Any, year: int, by: str, public: bool, source: str = DemandSource.LISTINGS
) -> list[SupplyDemandRow]:
    """Return demand, supply, gap and ratio per major or occupation of a region and year."""
    region = region_resolve(region)
    if public:
        public_region_check(region)
    if by not in SUPPLY_DEMAND_DIMENSIONS:
        raise ApplicationError(
            "分组方式 by 只能是 major（专业）或 occupation（职业）。", {"field": "by"}
        )
    totals = _cell_totals(region, year, _source_check(source), by)
    hidden = _hidden_keys(region, year, source, by, totals) if public else set()
    labels = _labels(by, list(totals))
    rows = [_row(labels[k], *totals[k], hidden=k in hidden) for k in totals]
    return sorted(rows, key=lambda r: (r.suppressed, -((r.demand or 0) + (r.supply or 0)), r.code))


def apportionment_notes(
    *, region: Any, year: int, source: str = DemandSource.LISTINGS
) -> list[ApportionmentNote]:
    """Say how demand coded at 中类 or 小类 level was apportioned to majors (weights' basis).

    Read from the supply–demand cells: per 中类/小类 code with demand, the number of majors that
    received a share (0: the group has no linked major, its demand stays under 无对应专业). No
    figures are given, so the notes are safe to publish.
    """
    region = region_resolve(region)
    rows = (
        SupplyDemandCell.objects.filter(
            region=region, year=year, source=_source_check(source), demand__gt=0
        )
        .exclude(occupation_code="")
        .values_list("occupation_code", "major_id")
        .order_by()
    )
    majors: dict[str, set[int]] = {}
    for code, major_id in rows:
        majors.setdefault(code, set())
        if major_id is not None:
            majors[code].add(major_id)
    levels = occupation_levels(majors)
    groups = sorted(code for code, level in levels.items() if level in GROUP_PARTS)
    names = dims.catalog_names("occupation", groups)
    return [
        ApportionmentNote(code, names.get(code, code), levels[code], len(majors[code]))
        for code in groups
    ]
