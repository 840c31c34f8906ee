"""Invented 人社 供求 figures for a demo locality: quarterly 2016–2025 per 大典 大类/中类.

Each 中类 gets a fixed share of its 大类's demand and a fixed tilt of its 大类's 求人倍率; each 大类
follows a trend with a Spring-Festival seasonality and a 2020 dip. 大类 rows are the sums of their
中类, the total row the sum of the 大类, and every ratio is demand ÷ job seekers.
"""

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from chanjiao.catalogs.models import Occupation, Region
from chanjiao.statistics.models import LaborMarketStat

YEARS = range(2016, 2026)
SOURCE_KIND = "演示数据"
DEMO_NOTE = "演示数据：按种子生成的虚构数字，不是人社部门公布的统计。"
# 大类 that 公共就业服务机构 tables report; 1 only through 企事业单位负责人, 7 and 8 not at all.
MAJOR_GROUPS = ("1", "2", "3", "4", "5", "6")
ONLY_SUB_GROUPS = {"1": ("1-06-00-00",)}
# Share of the locality's demand and the starting ratio of each 大类 (invented, plausible).
GROUP_SHAPE = {
    "1": (0.03, 1.10, 0.00),
    "2": (0.16, 1.20, 0.010),
    "3": (0.10, 0.95, -0.008),
    "4": (0.36, 1.25, 0.006),
    "5": (0.05, 1.05, 0.000),
    "6": (0.30, 1.35, 0.016),
}
SEASON = {1: 1.12, 2: 1.02, 3: 0.94, 4: 0.92}


@dataclass(frozen=True)
class _Cell:
    demand: int
    seekers: int


def _sub_groups() -> dict[str, list[Occupation]]:
    groups: dict[str, list[Occupation]] = {}
    rows = Occupation.objects.filter(level=Occupation.Level.SUB_MAJOR_GROUP, is_active=True)
    for occupation in rows.order_by("code"):
        major = occupation.code[0]
        if major in MAJOR_GROUPS and occupation.code in ONLY_SUB_GROUPS.get(
            major, (occupation.code,)
        ):
            groups.setdefault(major, []).append(occupation)
    return groups


def _ratio(cell: _Cell) -> Decimal | None:
    if not cell.seekers:
        return None
    return (Decimal(cell.demand) / Decimal(cell.seekers)).quantize(Decimal("0.01"))


def labor_market_demo_rows(*, region: Region, seed: int) -> list[LaborMarketStat]:
    """Return the unsaved demo rows for one region, deterministic from the seed."""
    rng = random.Random(f"statistics-labor-{region.code}-{seed}")  # noqa: S311 - demo data
    groups = _sub_groups()
    majors = {
        o.code[0]: o
        for o in Occupation.objects.filter(
            level=Occupation.Level.MAJOR_GROUP, code__in=[f"{g}-00-00-00" for g in MAJOR_GROUPS]
        )
    }
    base = rng.randint(18_000, 26_000)
    tilts = {
        o.code: (rng.uniform(0.3, 1.0), rng.uniform(0.75, 1.35))
        for subs in groups.values()
        for o in subs
    }
    rows: list[LaborMarketStat] = []
    for year in YEARS:
        for quarter in (1, 2, 3, 4):
            step = (year - YEARS[0]) * 4 + quarter - 1
            level = base * (1.025 ** (step / 4)) * SEASON[quarter] * (0.78 if year == 2020 else 1)
            total = _Cell(0, 0)
            for major_code, subs in sorted(groups.items()):
                share, ratio0, trend = GROUP_SHAPE[major_code]
                group_ratio = (
                    ratio0 + trend * step + 0.04 * math.sin(step / 3) * rng.uniform(0.5, 1)
                )
                weights = sum(tilts[o.code][0] for o in subs)
                group = _Cell(0, 0)
                for occupation in subs:
                    weight, tilt = tilts[occupation.code]
                    demand = round(level * share * weight / weights * rng.uniform(0.9, 1.1))
                    seekers = round(demand / max(0.3, group_ratio * tilt * rng.uniform(0.95, 1.05)))
                    cell = _Cell(demand, seekers)
                    rows.append(_row(region, year, quarter, occupation, cell))
                    group = _Cell(group.demand + demand, group.seekers + seekers)
                rows.append(_row(region, year, quarter, majors[major_code], group))
                total = _Cell(total.demand + group.demand, total.seekers + group.seekers)
            rows.append(_row(region, year, quarter, None, total))
    return rows


def _row(
    region: Region, year: int, quarter: int, occupation: Occupation | None, cell: _Cell
) -> LaborMarketStat:
    return LaborMarketStat(
        region=region,
        region_label=region.name,
        year=year,
        quarter=quarter,
        occupation=occupation,
        occupation_label=occupation.name if occupation else "",
        demand_persons=cell.demand,
        jobseekers_persons=cell.seekers,
        vacancy_ratio=_ratio(cell),
        source_kind=SOURCE_KIND,
        note=DEMO_NOTE,
        is_demo=True,
    )


SYNCED_FIELDS = (
    "region_id",
    "occupation_id",
    "demand_persons",
    "jobseekers_persons",
    "vacancy_ratio",
    "source_kind",
    "note",
)


def labor_market_demo_sync(*, region: Region, seed: int) -> dict[str, int]:
    """Write the demo rows of a region: create, update or delete so they match the seed."""
    desired = {
        (r.region_label, r.year, r.quarter, r.occupation_label): r
        for r in labor_market_demo_rows(region=region, seed=seed)
    }
    existing = {
        (r.region_label, r.year, r.quarter, r.occupation_label): r
        for r in LaborMarketStat.objects.filter(region_label=region.name)
    }
    creates, updates = [], []
    for key, row in desired.items():
        current = existing.get(key)
        if current is None:
            creates.append(row)
        elif current.is_demo and _differs(current, row):
            for name in SYNCED_FIELDS:
                setattr(current, name, getattr(row, name))
            updates.append(current)
    stale = [r.pk for key, r in existing.items() if r.is_demo and key not in desired]
    LaborMarketStat.objects.bulk_create(creates, batch_size=500)
    LaborMarketStat.objects.bulk_update(updates, list(_field_names()), batch_size=500)
    deleted, _ = LaborMarketStat.objects.filter(pk__in=stale).delete()
    return {"created": len(creates), "updated": len(updates), "deleted": deleted}


def _differs(current: LaborMarketStat, row: LaborMarketStat) -> bool:
    return any(getattr(current, name) != getattr(row, name) for name in SYNCED_FIELDS)


def _field_names() -> tuple[str, ...]:
    return tuple(
        name.removesuffix("_id") if name.endswith("_id") else name for name in SYNCED_FIELDS
    )
