"""Fixtures: 梧州's labour-market history, forecasts computed from it, and school statistics."""

import pytest
from django.utils import timezone

from chanjiao.analytics.models import DemandCount, SupplyCount, SupplyDemandCell
from chanjiao.catalogs.models import Major, Region
from chanjiao.early_warning.models import WarningFlag, WarningRule, WarningRun
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.forecasting.tests.factories import labor_history_write, localities_write
from chanjiao.organizations.tests.factories import SchoolFactory
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat


@pytest.fixture
def localities(catalogs):
    return localities_write()


@pytest.fixture
def wuzhou_locality(localities):
    return localities["梧州市"]


@pytest.fixture
def report_world(wuzhou_locality):
    """Forecasts for 梧州 from the ten-year history, 2025 totals and two majors' graduates."""
    region = wuzhou_locality.region
    labor_history_write(region)
    LaborMarketStat.objects.create(
        region=region,
        region_label=region.name,
        year=2025,
        quarter=0,
        demand_persons=12040,
        jobseekers_persons=9800,
    )
    school = SchoolFactory(name="梧州职业学院", region=Region.objects.get(code="450403"))
    majors = list(Major.objects.filter(level="高职专科").order_by("code")[:2])
    MajorYearStat.objects.create(
        school=school, major=majors[0], year=2025, graduates=120, employed=100, further_study=8
    )
    MajorYearStat.objects.create(
        school=school, major=majors[1], year=2025, graduates=3, employed=2, further_study=0
    )
    forecasts_compute(locality=wuzhou_locality)
    return {"locality": wuzhou_locality, "majors": majors, "school": school}


@pytest.fixture
def analytics_world(report_world):
    """Count tables (as ``analytics_fill`` writes them) and two warning flags for 梧州 2025."""
    region = report_world["locality"].region
    majors = report_world["majors"]
    for industry, occupation, openings in (
        ("1530", "6-18-02-04", 310),
        ("5121", "4-01-02-01", 120),
        ("8336", "2-05-08-01", 3),
    ):
        DemandCount.objects.create(
            region=region,
            year=2025,
            source="listings",
            industry_code=industry,
            occupation_code=occupation,
            openings=openings,
            postings=max(1, openings // 10),
        )
    SupplyCount.objects.create(
        region=region, year=2025, major=majors[0], schools=2, graduates=120, enrollment=130
    )
    SupplyCount.objects.create(
        region=region, year=2025, major=majors[1], schools=1, graduates=3, enrollment=4
    )
    SupplyDemandCell.objects.create(
        region=region,
        year=2025,
        source="listings",
        occupation_code="6-18-02-04",
        major=majors[0],
        demand=310.0,
        supply=120.0,
    )
    SupplyDemandCell.objects.create(
        region=region,
        year=2025,
        source="listings",
        occupation_code="2-05-08-01",
        major=majors[1],
        demand=3.0,
        supply=3.0,
    )
    _warning(report_world["locality"], report_world["school"], majors[1])
    return report_world


def _warning(locality, school, major):
    rule = WarningRule.objects.create(
        locality=locality,
        key="low-enrollment-test",
        name="连续3年年均招生不足30人",
        rule_type="low_enrollment",
        level="reduce",
        clause="（六）",
    )
    run = WarningRun.objects.create(locality=locality, year=2025, started_at=timezone.now())
    WarningFlag.objects.create(
        locality=locality,
        run=run,
        rule=rule,
        school=school,
        major=major,
        year=2025,
        level="reduce",
        summary="2023—2025 年均招生 4 人",
    )
