"""The fill job on demand: what is counted, how it rolls up, idempotency and incremental fills."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import DemandCount, FillState
from chanjiao.analytics.selectors import demand_history, demand_table
from chanjiao.analytics.tests.factories import labor, post, region

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2030, 1, 2, 4, 0, tzinfo=datetime.UTC)  # after the catalogue load
HOUR = datetime.timedelta(hours=1)


def _count(code: str, year: int = 2025, source: str = "listings", **dims: str) -> tuple[int, int]:
    rows = DemandCount.objects.filter(region=region(code), year=year, source=source, **dims)
    return (
        sum(rows.values_list("openings", flat=True)),
        sum(rows.values_list("postings", flat=True)),
    )


def _table() -> set[tuple]:
    return set(
        DemandCount.objects.values_list(
            "region__code",
            "year",
            "source",
            "industry_code",
            "occupation_code",
            "openings",
            "postings",
            "jobseekers",
        )
    )


def test_counts_openings_by_headcount_and_postings_by_item(publisher):
    post(**publisher, quantity=5)
    post(**publisher, quantity=None)  # no headcount given: one opening
    post(**publisher, quantity=3, kind="internship")

    analytics_fill()

    row = DemandCount.objects.get(
        region=region("450403"),
        year=2025,
        source="listings",
        industry_code="1530",
        occupation_code="6-02-06-10",
    )
    assert (row.openings, row.postings) == (9, 3)


def test_rolls_counties_up_into_city_and_province(publisher):
    post(**publisher, region_code="450403", quantity=2)
    post(**publisher, region_code="450405", quantity=4)
    post(**publisher, region_code="4504", quantity=1)

    analytics_fill()

    assert _count("450403") == (2, 1)
    assert _count("450405") == (4, 1)
    assert _count("4504") == (7, 3)
    assert _count("45") == (7, 3)
    assert not DemandCount.objects.filter(region=region("450406")).exists()


def test_industry_rolls_up_to_section(publisher, localities):
    post(**publisher, industry_code="1530", quantity=6)
    post(**publisher, industry_code="1511", quantity=7)
    post(**publisher, industry_code="6513", quantity=8, occupation_code="6-18-01-01")
    post(**publisher, industry_code=None, quantity=9)
    analytics_fill()

    sections = demand_table(region=region("4504"), year=2025, by="industry_section", public=False)
    industries = demand_table(region=region("4504"), year=2025, by="industry", public=False)

    assert [(r.code, r.name, r.openings, r.postings) for r in sections] == [
        ("C", "制造业", 13, 2),
        ("", "未注明行业", 9, 1),
        ("I", "信息传输、软件和信息技术服务业", 8, 1),
    ]
    assert {(r.code, r.openings) for r in industries} == {
        ("1530", 6),
        ("1511", 7),
        ("6513", 8),
        ("", 9),
    }


def test_occupation_levels_roll_up_by_code(publisher):
    post(**publisher, occupation_code="6-02-06-10", quantity=6)
    post(**publisher, occupation_code="6-02-06-11", quantity=7)
    post(**publisher, occupation_code="6-18-01-01", quantity=8)
    analytics_fill()

    def table(by: str) -> set[tuple[str, int]]:
        rows = demand_table(region=region("4504"), year=2025, by=by, public=False)
        return {(r.code, r.openings) for r in rows}

    assert table("occupation_major_group") == {("6-00-00-00", 21)}
    assert table("occupation_group") == {("6-02-00-00", 13), ("6-18-00-00", 8)}
    assert table("occupation") == {("6-02-06-10", 6), ("6-02-06-11", 7), ("6-18-01-01", 8)}


@pytest.mark.parametrize(
    ("_case", "status", "counted"),
    [
        ("published", "published", True),
        ("closed later", "closed", True),
        ("expired later", "expired", True),
        ("draft", "draft", False),
        ("awaiting review", "submitted", False),
        ("rejected", "rejected", False),
    ],
)
def test_counts_only_posts_that_were_published(publisher, _case, status, counted):
    post(**publisher, status=status, quantity=4, published="2024-06-30")

    analytics_fill()

    assert _count("4504", year=2024) == ((4, 1) if counted else (0, 0))


def test_post_counts_for_the_beijing_time_year_it_was_published(publisher):
    post(**publisher, published="2025-01-01 07:00", quantity=2)  # 2024-12-31 23:00 UTC
    post(**publisher, published="2024-12-31 23:30", quantity=3)

    analytics_fill()

    assert _count("4504", year=2025) == (2, 1)
    assert _count("4504", year=2024) == (3, 1)


def test_other_kinds_are_not_demand(publisher):
    post(**publisher, kind="training", quantity=30, occupation_code=None, industry_code=None)

    analytics_fill()

    assert not DemandCount.objects.exists()


def test_labor_market_figures_stay_a_separate_source(publisher):
    post(**publisher, region_code="4504", quantity=6, occupation_code="6-18-01-01")
    labor(region_code="4504", year=2025, occupation_code="6-18-01-01", demand=120, seekers=80)
    labor(region_code="4504", year=2025, demand=500, seekers=400)  # the table's total row

    analytics_fill()

    assert _count("4504", source="listings") == (6, 1)
    labor_rows = DemandCount.objects.filter(region=region("4504"), source="labor_market")
    assert set(labor_rows.values_list("occupation_code", "openings", "postings", "jobseekers")) == {
        ("6-18-01-01", 120, 0, 80),
        ("", 380, 0, 320),  # the rest of the total not covered by the occupation rows
    }
    assert not DemandCount.objects.filter(region=region("45"), source="labor_market").exists()
    both = demand_history(region=region("4504"), by="occupation")
    assert both["6-18-01-01"] == {2025: 126}
    assert demand_history(region=region("4504"), by="occupation", source="labor_market") == {
        "": {2025: 380},
        "6-18-01-01": {2025: 120},
    }


def test_labor_market_quarters_are_summed_unless_a_full_year_row_exists(catalogs):
    for quarter, demand in ((1, 10), (2, 20), (3, 30), (4, 40)):
        labor(
            region_code="4504",
            year=2024,
            quarter=quarter,
            occupation_code="6-18-01-01",
            demand=demand,
        )
        labor(
            region_code="2305",
            year=2024,
            quarter=quarter,
            occupation_code="6-18-01-01",
            demand=demand,
        )
    labor(region_code="2305", year=2024, quarter=0, occupation_code="6-18-01-01", demand=77)

    analytics_fill()

    assert demand_history(region=region("4504"), by="occupation") == {"6-18-01-01": {2024: 100}}
    assert demand_history(region=region("2305"), by="occupation") == {"6-18-01-01": {2024: 77}}


def test_zero_rows_are_skipped(catalogs):
    labor(region_code="4504", year=2025, occupation_code="6-18-01-01", demand=0, seekers=0)
    labor(region_code="4504", year=2025, occupation_code="6-02-06-10", demand=None, seekers=3)

    analytics_fill()

    assert list(DemandCount.objects.values_list("occupation_code", "openings", "jobseekers")) == [
        ("6-02-06-10", 0, 3)
    ]


def test_second_run_leaves_the_tables_identical(publisher):
    with time_machine.travel(NOON - HOUR, tick=False):
        post(**publisher, quantity=2, published="2024-05-01")
        post(**publisher, quantity=5, region_code="450405")
        labor(region_code="4504", year=2025, occupation_code="6-18-01-01", demand=50, seekers=20)
    with time_machine.travel(NOON, tick=False):
        analytics_fill()
    first = _table()
    pks = set(DemandCount.objects.values_list("pk", flat=True))

    with time_machine.travel(NOON + HOUR, tick=False):
        results = analytics_fill()  # the hourly run: nothing changed since
    assert _table() == first
    assert set(DemandCount.objects.values_list("pk", flat=True)) == pks
    assert [result.skipped for result in results] == [True, True, True]

    analytics_fill(full=True)
    assert _table() == first
    assert DemandCount.objects.count() == len(first)


def test_a_run_soon_after_refills_recent_years_with_the_same_rows(publisher):
    post(**publisher, quantity=5)
    analytics_fill()
    first = _table()

    (result, *_rest) = analytics_fill()  # within the watermark overlap: 2025 again

    assert result.years == [2025]
    assert _table() == first


def test_new_post_refills_only_its_year(publisher):
    with time_machine.travel(NOON - HOUR, tick=False):
        post(**publisher, quantity=2, published="2024-05-01")
        post(**publisher, quantity=5)
    with time_machine.travel(NOON, tick=False):
        analytics_fill()
    kept = set(DemandCount.objects.filter(year=2024).values_list("pk", flat=True))

    with time_machine.travel(NOON + HOUR, tick=False):
        post(**publisher, quantity=10, published="2025-09-01")
        (result, *_rest) = analytics_fill()

    assert result.years == [2025]
    assert _count("4504", year=2025) == (15, 2)
    assert set(DemandCount.objects.filter(year=2024).values_list("pk", flat=True)) == kept
    state = FillState.objects.get(stat="demand")
    assert (state.status, state.years_filled, state.rows_written) == ("done", [2025], 3)
    assert state.watermark == NOON + HOUR


def test_closing_a_post_keeps_it_counted(publisher):
    listing = post(**publisher, quantity=5)
    analytics_fill()

    listing.status = "closed"
    listing.save()
    analytics_fill()

    assert _count("4504") == (5, 1)


def test_command_reports_progress_and_rebuilds_with_full(publisher, capsys):
    post(**publisher, quantity=5)

    call_command("analytics_fill")
    call_command("analytics_fill", "--full", "--stat", "demand")

    out = capsys.readouterr().out
    assert "需求（招聘/实习人数）：正在计算（全部年度）……" in out
    assert "需求（招聘/实习人数）：写入 3 行" in out
    assert "完成：3 个统计项" in out
    assert "完成：1 个统计项，共写入 3 行。" in out


def test_task_fills_the_tables(publisher):
    from chanjiao.analytics.tasks import fill_analytics_task

    post(**publisher, quantity=5)

    result = fill_analytics_task.enqueue(full=True)

    assert result.return_value == {"demand": 3, "supply": 0, "supply_demand": 3}
    assert _count("45") == (5, 1)


def test_demo_write_and_remove(publisher, localities):
    from chanjiao.analytics.demo import demo_remove, demo_write

    post(**publisher, quantity=5)

    assert demo_write(locality=localities["梧州市"], seed=1) == demo_write(
        locality=localities["梧州市"], seed=1
    )
    assert demo_remove() == 3 + 3 + 3
    assert not DemandCount.objects.exists()
