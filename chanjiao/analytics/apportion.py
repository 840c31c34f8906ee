"""Supply–demand cells: demand and graduates apportioned over the major ↔ occupation crosswalk.

A major's graduates are split among its linked occupations in proportion to the link weights, and
an occupation's openings among its linked majors the same way, so nobody is counted twice.
"""

from collections import defaultdict
from typing import Any, Literal, overload

from chanjiao.analytics.aggregate import DemandRows, SupplyRows
from chanjiao.analytics.crosswalk import Link, links_for_majors, links_for_occupations
from chanjiao.analytics.models import DemandSource

CellKey = tuple[int, int, str, str, int | None]  # region, year, source, occupation_code, major_id
CellRows = dict[CellKey, list[float]]  # demand, supply


@overload
def _shares(links: list[Link], by_major: Literal[True]) -> dict[int, list[tuple[str, float]]]: ...
@overload
def _shares(links: list[Link], by_major: Literal[False]) -> dict[str, list[tuple[int, float]]]: ...
def _shares(links: list[Link], by_major: bool) -> dict[Any, list[tuple[Any, float]]]:
    """Group links by one end and turn weights into shares that add up to 1."""
    grouped: dict[Any, list[tuple[Any, float]]] = defaultdict(list)
    for major_id, occupation_code, weight in links:
        if by_major:
            grouped[major_id].append((occupation_code, weight))
        else:
            grouped[occupation_code].append((major_id, weight))
    return {
        key: [(other, weight / sum(w for _, w in pairs)) for other, weight in sorted(pairs)]
        for key, pairs in grouped.items()
    }


def _demand_by_occupation(demand: DemandRows) -> dict[tuple[int, int, str, str], float]:
    totals: dict[tuple[int, int, str, str], float] = defaultdict(float)
    for (region_id, year, source, _industry, occupation), (openings, _p, _j) in demand.items():
        totals[(region_id, year, source, occupation)] += openings
    return totals


def cells_from_counts(demand: DemandRows, supply: SupplyRows) -> CellRows:
    """Build the supply–demand cells of the given demand and supply count rows."""
    demand_totals = _demand_by_occupation(demand)
    occupation_shares = _shares(
        links_for_occupations({key[3] for key in demand_totals}), by_major=False
    )
    major_shares = _shares(links_for_majors({key[2] for key in supply}), by_major=True)
    cells: CellRows = defaultdict(lambda: [0.0, 0.0])
    for (region_id, year, source, occupation), openings in demand_totals.items():
        for major_id, share in occupation_shares.get(occupation, [(None, 1.0)]):
            cells[(region_id, year, source, occupation, major_id)][0] += openings * share
    sources_by_region_year = defaultdict(set)
    for region_id, year, source, _occupation in demand_totals:
        sources_by_region_year[(region_id, year)].add(source)
    for (region_id, year, major_id), (_schools, graduates, _enrollment) in supply.items():
        if not graduates:
            continue
        sources = sources_by_region_year[(region_id, year)] | {DemandSource.LISTINGS.value}
        for occupation, share in major_shares.get(major_id, [("", 1.0)]):
            for source in sources:
                cells[(region_id, year, source, occupation, major_id)][1] += graduates * share
    return {
        key: [round(value[0], 6), round(value[1], 6)]
        for key, value in cells.items()
        if value[0] or value[1]
    }
