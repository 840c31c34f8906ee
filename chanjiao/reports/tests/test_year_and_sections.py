"""The default year (both supply and demand, never 0) and why a report section is empty."""

import pytest
from django.test import Client
from django.utils import timezone

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import DemandCount
from chanjiao.analytics.tests.factories import graduates, labor
from chanjiao.reports.selectors import report_data, report_default_year, report_year_choice

pytestmark = pytest.mark.django_db


@pytest.fixture
def labor_only_world(wuzhou_locality, wuzhou_school):
    """梧州 2025: a 人社 table coded at 中类 (with its 大类 subtotal) and graduates; no postings."""
    labor(region_code="4504", year=2025, occupation_code="5-00-00-00", demand=950, seekers=400)
    labor(region_code="4504", year=2025, occupation_code="5-02-00-00", demand=900, seekers=300)
    labor(region_code="4504", year=2025, occupation_code="2-99-00-00", demand=40, seekers=30)
    graduates(school=wuzhou_school, major_code="610201", year=2025, count=120)
    graduates(school=wuzhou_school, major_code="610201", year=2024, count=110)
    analytics_fill()
    return wuzhou_locality


def test_locality_without_any_data_shows_the_current_year_and_says_so(localities):
    year = timezone.localdate().year
    locality = localities["双鸭山市"]
    choice = report_year_choice(locality=locality)
    assert (choice.year, choice.has_data) == (year, False)

    html = Client().get(f"/analytics/{locality.region.code}/").content.decode()

    assert f"双鸭山市{year}年技能人才供需看板" in html
    assert "双鸭山市0年" not in html
    assert "尚无技能人才供需数据" in html
    report = Client().get(f"/analytics/reports/{locality.region.code}/{year}.html")
    assert report.status_code == 200
    text = report.content.decode()
    assert f"{year} 年既无平台岗位数据，也无人社供求统计" in text
    assert "暂无数据" not in text


def test_default_year_is_the_latest_with_both_supply_and_demand(labor_only_world):
    # Postings of a later year without graduates do not make that year the default.
    DemandCount.objects.create(
        region=labor_only_world.region,
        year=2026,
        source="listings",
        industry_code="0111",
        occupation_code="5-02-01-00",
        openings=7,
        postings=1,
    )

    choice = report_year_choice(locality=labor_only_world)

    assert choice.year == report_default_year(locality=labor_only_world) == 2025
    assert "供给（毕业生）与需求（岗位）数据都有的最近年度" in choice.note
    html = Client().get("/analytics/4504/").content.decode()
    assert "梧州市2025年技能人才供需看板" in html
    assert choice.note in html


def test_without_an_aligned_year_the_latest_year_with_data_is_named(wuzhou_locality, wuzhou_school):
    graduates(school=wuzhou_school, major_code="610201", year=2024, count=120)
    analytics_fill()

    choice = report_year_choice(locality=wuzhou_locality)

    assert (choice.year, choice.has_data) == (2024, True)
    assert "只有毕业生（供给）数据" in choice.note


def test_labor_only_year_fills_occupation_and_major_sections_and_explains_industry(
    labor_only_world,
):
    data = report_data(locality=labor_only_world, year=2025, is_public=False, fetched_by=None)

    assert data.demand_by_industry == []
    assert data.reasons["demand_by_industry"] == "2025 年无平台岗位数据，人社统计表未按行业分列"
    assert {r.code: r.value for r in data.demand_by_occupation} == {
        "5-02-00-00": 900.0,
        "5-00-00-00": 50.0,  # what the listed 中类 leave of the 大类 subtotal
        "2-99-00-00": 40.0,
    }
    assert data.sources["demand_by_occupation"] == "人社部门供求统计"
    by_major = {r.code: (r.demand, r.supply) for r in data.supply_demand}
    # 5-02-00-00's 900 openings: 610201 weight 4, 650401 weight 0.5 → 800 and 100.
    assert by_major["610201"] == (800.0, 120.0)
    assert by_major["650401"] == (100.0, 0.0)
    # 2-99 has no linked major; the 50 left of the 大类 5-00 is not a 中类 and is not apportioned.
    assert by_major[""] == (90.0, 0.0)
    notes = {n.code: n.majors for n in data.apportionment}
    assert notes == {"5-02-00-00": 2, "2-99-00-00": 0}

    html = Client().get("/analytics/reports/4504/2025.html?version=public").content.decode()
    assert "三、分职业岗位需求" in html
    assert "人社统计表未按行业分列" in html
    assert "中类 5-02-00-00 林业生产人员下关联 2 个专业" in html
    assert "按各专业在其中关联的细类数（对应强度加权）分摊到专业" in html
    assert "2-99-00-00 其他专业技术人员" in html
    assert "暂无数据" not in html
