from collections import defaultdict

import pytest

from chanjiao.demo.services import demo_data_generate
from chanjiao.demo.tests.factories import KeyIndustryFactory, LocalityFactory
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.statistics.demo import demo_remove, demo_write
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_locality(wuzhou):
    locality = LocalityFactory(name="梧州市", region=wuzhou)
    KeyIndustryFactory(locality=locality, label="六堡茶", codes=["1530"])
    KeyIndustryFactory(locality=locality, label="再生资源", codes=["42"])
    demo_data_generate(locality=locality, seed=1)
    return locality


def _snapshot():
    stats = MajorYearStat.objects.order_by("school__name", "major__code", "year").values_list(
        "school__name",
        "major__code",
        "year",
        "actual_enrollment",
        "graduates",
        "employed",
        "further_study",
        "not_employed",
        "destination_details",
        "employed_local",
        "employed_related",
        "avg_starting_salary",
        "is_demo",
    )
    labor = LaborMarketStat.objects.order_by("year", "quarter", "occupation_label").values_list(
        "region__code",
        "year",
        "quarter",
        "occupation__code",
        "demand_persons",
        "jobseekers_persons",
        "vacancy_ratio",
        "source_kind",
        "is_demo",
    )
    return list(stats), list(labor)


def _series():
    found = defaultdict(dict)
    for stat in MajorYearStat.objects.select_related("school", "major"):
        found[(stat.school.name, stat.major.code)][stat.year] = stat
    return found


def test_demo_is_deterministic_idempotent_and_removable(demo_locality):
    first_counts = demo_write(locality=demo_locality, seed=1)
    first = _snapshot()

    again = demo_write(locality=demo_locality, seed=1)

    assert _snapshot() == first
    assert again["major_year_stats_created"] == again["major_year_stats_updated"] == 0
    assert again["labor_market_stats_created"] == again["labor_market_stats_updated"] == 0
    school_majors = SchoolMajor.objects.count()
    assert demo_remove() > 0
    assert MajorYearStat.objects.count() == LaborMarketStat.objects.count() == 0
    assert SchoolMajor.objects.count() == school_majors - first_counts["school_majors_added"]
    demo_write(locality=demo_locality, seed=1)
    assert _snapshot() == first


def test_demo_rows_are_plausible_and_contain_the_warning_cases(demo_locality):
    demo_write(locality=demo_locality, seed=1)

    stats = list(MajorYearStat.objects.all())
    offered = set(
        SchoolMajor.objects.filter(school__is_demo=True).values_list("school", "major", "year")
    )
    assert {(s.school_id, s.major_id, s.year) for s in stats} == offered
    assert all(s.is_demo and s.source.startswith("演示数据") for s in stats)
    assert all(20 <= s.actual_enrollment <= 120 for s in stats)
    graduated = [s for s in stats if s.graduates]
    assert all(s.employed + s.further_study + s.not_employed == s.graduates for s in graduated)
    assert all(3000 <= s.avg_starting_salary <= 6500 for s in graduated)
    assert all(s.employed_local <= s.employed >= s.employed_related for s in graduated)
    assert {s.year for s in stats} == {2021, 2022, 2023, 2024, 2025}
    series = _series()
    last_three = [
        [years[y].actual_enrollment for y in (2023, 2024, 2025)]
        for years in series.values()
        if {2023, 2024, 2025} <= set(years)
    ]
    assert sum(1 for e in last_three if max(e) < 30) == 3
    assert sum(1 for e in last_three if e == [30, 30, 30]) == 1
    assert sum(1 for e in last_three if e[0] >= 30 and max(e[1:]) < 30) == 1
    low_employment = [
        key for key, years in series.items() if all(_rate(years.get(y)) < 0.8 for y in (2024, 2025))
    ]
    # One low 去向落实率, one low together with a low 专业相关就业率 (two indicators failing).
    assert len(low_employment) == 2
    low_related = [
        key
        for key, years in series.items()
        if all(_related(years.get(y)) < 0.5 for y in (2024, 2025))
    ]
    assert len(low_related) == 2
    assert len(set(low_related) & set(low_employment)) == 1
    per_major = defaultdict(set)
    for school, major in series:
        per_major[major].add(school)
    schools = Organization.objects.filter(is_demo=True).schools().count()
    assert max(len(s) for s in per_major.values()) == schools >= 5


def _related(stat):
    if stat is None or not stat.employed or stat.employed_related is None:
        return 1.0
    return stat.employed_related / stat.employed


def _rate(stat):
    return 1.0 if stat is None or stat.employment_rate is None else stat.employment_rate


def test_demo_labor_market_history(demo_locality):
    demo_write(locality=demo_locality, seed=1)

    rows = LaborMarketStat.objects.filter(region__code="4504")
    assert rows.count() == LaborMarketStat.objects.count()
    assert {r.year for r in rows} == set(range(2016, 2026))
    assert set(rows.values_list("occupation__level", flat=True)) == {"大类", "中类", None}
    assert all(r.is_demo and r.source_kind == "演示数据" for r in rows)
    for quarter_total in rows.filter(occupation__isnull=True):
        groups = rows.filter(
            year=quarter_total.year, quarter=quarter_total.quarter, occupation__level="大类"
        )
        assert sum(g.demand_persons for g in groups) == quarter_total.demand_persons
        ratio = quarter_total.demand_persons / quarter_total.jobseekers_persons
        assert abs(float(quarter_total.vacancy_ratio) - ratio) < 0.006


def test_demo_keeps_imported_rows(demo_locality):
    demo_write(locality=demo_locality, seed=1)
    stat = MajorYearStat.objects.first()
    MajorYearStat.objects.filter(pk=stat.pk).update(is_demo=False, actual_enrollment=77)

    demo_write(locality=demo_locality, seed=1)

    assert MajorYearStat.objects.get(pk=stat.pk).actual_enrollment == 77
