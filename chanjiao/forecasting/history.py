"""Reads of the history the forecasts start from.

Occupation groups (职业中类): 人社 供求 tables (``statistics.LaborMarketStat``) — yearly rows, or
the sum of the four quarters of a year when there is no yearly row. Industries (行业门类): the
analytics count tables (postings' openings per year), read through ``analytics.selectors``.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max

from chanjiao.analytics.selectors import demand_history
from chanjiao.catalogs.models import Industry, Occupation, Region
from chanjiao.statistics.models import LaborMarketStat

OCCUPATION_SOURCE = "人力资源市场供求统计（求人倍率表）"
INDUSTRY_SOURCE = "平台岗位信息需求人数（分析统计表）"


@dataclass
class SeriesHistory:
    """Yearly demand (and, where known, job seekers) of one occupation group or industry."""

    code: str
    name: str
    demand: dict[int, float] = field(default_factory=dict)
    supply: dict[int, float] = field(default_factory=dict)


def _group_of() -> dict[int, tuple[str, str]]:
    """Map every occupation id at or below 中类 to the code and name of its 中类.

    大类 rows (the 人社 tables' subtotals) map to nothing: a 大类 is not an occupation group,
    so its total is never forecast or ranked beside the 中类 it sums.
    """
    stamp = Occupation.objects.aggregate(rows=Count("pk"), changed=Max("updated_at"))
    return _groups(stamp["rows"], stamp["changed"])


@functools.lru_cache(maxsize=2)
def _groups(rows: int, changed: datetime.datetime | None) -> dict[int, tuple[str, str]]:
    # Keyed by the catalogue's size and last change, so a reloaded catalogue is read again.
    occupations = {
        pk: (code, name, level, parent)
        for pk, code, name, level, parent in Occupation.objects.values_list(
            "pk", "code", "name", "level", "parent_id"
        )
    }
    groups: dict[int, tuple[str, str]] = {}
    for pk, current in occupations.items():
        while current[2] in (Occupation.Level.MINOR_GROUP, Occupation.Level.OCCUPATION):
            if current[3] not in occupations:
                break
            current = occupations[current[3]]
        if current[2] == Occupation.Level.SUB_MAJOR_GROUP:
            groups[pk] = (current[0], current[1])
    return groups


def _yearly_values(rows: Sequence[Mapping[str, Any]], key: str) -> dict[tuple[int, int], float]:
    """Sum one occupation's figures per year: the yearly row, else four complete quarters."""
    yearly: dict[tuple[int, int], float] = {}
    quarters: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    for row in rows:
        if row[key] is None:
            continue
        slot = (row["occupation_id"], row["year"])
        if row["quarter"] == 0:
            yearly[slot] = yearly.get(slot, 0.0) + float(row[key])
        else:
            quarters[slot][row["quarter"]] = float(row[key])
    for slot, by_quarter in quarters.items():
        if slot not in yearly and len(by_quarter) == 4:
            yearly[slot] = sum(by_quarter.values())
    return yearly


def occupation_group_history(*, region: Region) -> list[SeriesHistory]:
    """Return the yearly demand and job seekers per occupation group of a region, by code."""
    rows = list(
        LaborMarketStat.objects.filter(region=region, occupation__isnull=False).values(
            "occupation_id", "year", "quarter", "demand_persons", "jobseekers_persons"
        )
    )
    groups = _group_of()
    series: dict[str, SeriesHistory] = {}
    for key, target in (("demand_persons", "demand"), ("jobseekers_persons", "supply")):
        for (occupation_id, year), value in _yearly_values(rows, key).items():
            if occupation_id not in groups:
                continue  # a 大类 subtotal (or an orphan row): not an occupation group
            code, name = groups[occupation_id]
            entry = series.setdefault(code, SeriesHistory(code, name))
            values = getattr(entry, target)
            values[year] = values.get(year, 0.0) + value
    return [series[code] for code in sorted(series) if series[code].demand]


def industry_history(*, region: Region) -> list[SeriesHistory]:
    """Return the yearly openings per industry section (门类) from the analytics count tables."""
    history = demand_history(region=region, by="industry_section", source="listings")
    names = dict(Industry.objects.filter(level="门类").values_list("code", "name"))
    result = []
    for code in sorted(c for c in history if c):
        demand = {int(year): float(v) for year, v in history[code].items() if v is not None}
        if demand:
            result.append(SeriesHistory(str(code), names.get(str(code), str(code)), demand))
    return result
