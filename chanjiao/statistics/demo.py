"""Demonstration statistics: invented 专业点 figures for the demo schools and 人社 tables.

For every 专业点 (``SchoolMajor``) of the demo schools that ``chanjiao demo_data`` wrote, one
``MajorYearStat`` per year 2021–2025, deterministic from the seed and flagged ``is_demo``. A few
series are shaped on purpose for the 专业预警 rules (see ``CASES`` and docs/statistics.md), and one
高职 major is added to every demo school (设置雷同). The 人社 rows come from ``demo_labor``.
"""

import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from chanjiao.catalogs.models import Major, MajorLevel
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.statistics.demo_labor import labor_market_demo_sync
from chanjiao.statistics.demo_shapes import series_figures
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

YEARS = range(2021, 2026)
DEMO_SOURCE = "演示数据"
SAME_MAJOR_SOURCE = "演示数据（多校开设同一专业）"
VOCATIONAL_LEVELS = (MajorLevel.SECONDARY, MajorLevel.HIGHER)
# Shapes given on purpose, in the order they are picked: 3 × below 30 for 2023–2025, one at
# exactly 30, one below 30 in 2024–2025 only, one with 去向落实率 below 80 % in 2024–2025, one
# with 专业相关就业 below 50 % in 2024–2025, and one with both (two indicators failing).
CASES = (
    "low_3_years",
    "low_3_years",
    "low_3_years",
    "exactly_30",
    "low_2_years",
    "low_employment",
    "low_related",
    "low_employment_related",
)


@dataclass
class Series:
    """One school's major over the years it is offered, with its plan per year."""

    school: Organization
    major: Major
    planned: dict[int, int | None] = field(default_factory=dict)
    case: str = ""
    added: bool = False


def _schools(locality: Locality) -> list[Organization]:
    rows = Organization.objects.filter(is_demo=True).schools()
    return list(rows.filter(region__code__startswith=locality.region.code).order_by("name"))


def _same_major_add(schools: list[Organization], rng: random.Random) -> tuple[Major | None, int]:
    """Offer one widely offered 高职 major at every demo school (the 设置雷同 case)."""
    offered = SchoolMajor.objects.filter(
        school__in=schools, major__level=MajorLevel.HIGHER, year__in=YEARS
    ).values_list("major_id", "year")
    years_by_major: dict[int, set[int]] = {}
    for major_id, year in offered:
        years_by_major.setdefault(major_id, set()).add(year)
    full = sorted(m for m, years in years_by_major.items() if years == set(YEARS))
    if not full:
        return None, 0
    major = Major.objects.get(pk=rng.choice(full))
    added = 0
    for school in schools:
        plan = rng.randint(10, 16) * 5
        for year in YEARS:
            _, created = SchoolMajor.objects.get_or_create(
                school=school, major=major, year=year, defaults={"planned_enrollment": plan}
            )
            added += created
    return major, added


def _series(schools: list[Organization]) -> list[Series]:
    original = {s.pk for s in schools}
    found: dict[tuple[int, int], Series] = {}
    rows = SchoolMajor.objects.filter(school_id__in=original, year__in=YEARS).select_related(
        "school", "major"
    )
    for row in rows.order_by("school__name", "major__code", "year"):
        series = found.setdefault((row.school_id, row.major_id), Series(row.school, row.major))
        series.planned[row.year] = row.planned_enrollment
    return sorted(found.values(), key=lambda s: (s.school.name, s.major.code))


def _cases_assign(series: list[Series], rng: random.Random, same_major: Major | None) -> None:
    candidates = [
        s
        for s in series
        if s.major.level in VOCATIONAL_LEVELS
        and set(s.planned) == set(YEARS)
        and s.major != same_major
    ]
    for item, case in zip(
        rng.sample(candidates, min(len(CASES), len(candidates))), CASES, strict=False
    ):
        item.case = case


def _desired(series: list[Series], seed: int, added_keys: set[tuple[int, int]]) -> dict[Any, Any]:
    desired: dict[tuple[int, int, int], dict[str, Any]] = {}
    for item in series:
        rng = random.Random(f"statistics-{seed}-{item.school.name}-{item.major.code}")  # noqa: S311
        figures = series_figures(
            rng, level=item.major.level, planned=item.planned, case=item.case, years=YEARS
        )
        source = SAME_MAJOR_SOURCE if (item.school.pk, item.major.pk) in added_keys else DEMO_SOURCE
        for year, values in figures.items():
            desired[(item.school.pk, item.major.pk, year)] = {**values, "source": source}
    return desired


SYNCED = (
    "planned_enrollment",
    "actual_enrollment",
    "students_on_roll",
    "graduates",
    "employed",
    "further_study",
    "not_employed",
    "destination_details",
    "employed_local",
    "employed_related",
    "avg_starting_salary",
    "source",
)


def _sync(schools: list[Organization], desired: dict[Any, dict[str, Any]]) -> dict[str, int]:
    existing = {
        (r.school_id, r.major_id, r.year): r
        for r in MajorYearStat.objects.filter(school__in=schools)
    }
    creates, updates = [], []
    for key, values in desired.items():
        current = existing.get(key)
        if current is None:
            creates.append(
                MajorYearStat(
                    school_id=key[0], major_id=key[1], year=key[2], is_demo=True, **values
                )
            )
        elif current.is_demo and any(getattr(current, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            updates.append(current)
    stale = [r.pk for key, r in existing.items() if r.is_demo and key not in desired]
    MajorYearStat.objects.bulk_create(creates, batch_size=500)
    MajorYearStat.objects.bulk_update(updates, list(SYNCED), batch_size=500)
    deleted, _ = MajorYearStat.objects.filter(pk__in=stale).delete()
    return {"created": len(creates), "updated": len(updates), "deleted": deleted}


@transaction.atomic
def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Write the demo statistics of a locality's demo schools and region (idempotent)."""
    schools = _schools(locality)
    rng = random.Random(f"statistics-cases-{seed}")  # noqa: S311 - demo data
    before = {(s.school_id, s.major_id) for s in SchoolMajor.objects.filter(school__in=schools)}
    same_major, added = _same_major_add(schools, rng)
    series = _series(schools)
    remembered = set(
        MajorYearStat.objects.filter(
            school__in=schools, is_demo=True, source=SAME_MAJOR_SOURCE
        ).values_list("school_id", "major_id")
    )
    added_keys = ({(s.school.pk, s.major.pk) for s in series} - before) | remembered
    _cases_assign(series, rng, same_major)
    stats = _sync(schools, _desired(series, seed, added_keys))
    labor = labor_market_demo_sync(region=locality.region, seed=seed)
    return {
        "major_year_stats": MajorYearStat.objects.filter(is_demo=True, school__in=schools).count(),
        "major_year_stats_created": stats["created"],
        "major_year_stats_updated": stats["updated"],
        "major_year_stats_deleted": stats["deleted"],
        "school_majors_added": added,
        "labor_market_stats": LaborMarketStat.objects.filter(
            is_demo=True, region_label=locality.region.name
        ).count(),
        "labor_market_stats_created": labor["created"],
        "labor_market_stats_updated": labor["updated"],
        "labor_market_stats_deleted": labor["deleted"],
    }


@transaction.atomic
def demo_remove() -> int:
    """Delete every demo statistics row and the 专业点 the demo added; return the count."""
    added = MajorYearStat.objects.filter(is_demo=True, source=SAME_MAJOR_SOURCE).values_list(
        "school_id", "major_id", "year"
    )
    removed = 0
    for school_id, major_id, year in list(added):
        removed += SchoolMajor.objects.filter(
            school_id=school_id, major_id=major_id, year=year
        ).delete()[0]
    removed += MajorYearStat.objects.filter(is_demo=True).delete()[0]
    removed += LaborMarketStat.objects.filter(is_demo=True).delete()[0]
    return removed
