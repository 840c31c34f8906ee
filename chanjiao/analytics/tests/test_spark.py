"""The Spark path fills exactly the rows the ORM path fills, on the same raw rows."""

import pytest

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import DemandCount, SupplyCount, SupplyDemandCell
from chanjiao.analytics.spark import spark_fill
from chanjiao.analytics.tests.factories import graduates, labor, post

pytestmark = [
    pytest.mark.django_db,
    # pyspark's py4j client leaves its result sockets to the garbage collector.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


def _tables() -> dict[str, set[tuple]]:
    return {
        "demand": set(
            DemandCount.objects.values_list(
                "region_id",
                "year",
                "source",
                "industry_code",
                "occupation_code",
                "openings",
                "postings",
                "jobseekers",
            )
        ),
        "supply": set(
            SupplyCount.objects.values_list(
                "region_id", "year", "major_id", "schools", "graduates", "enrollment"
            )
        ),
        "cells": {
            (*row[:5], round(row[5], 4), round(row[6], 4))
            for row in SupplyDemandCell.objects.values_list(
                "region_id", "year", "source", "occupation_code", "major_id", "demand", "supply"
            )
        },
    }


@pytest.fixture
def raw_rows(publisher, wuzhou_school, other_enterprise, recruiter):
    """Posts in counties, a city and another province; both sources; supply and crosswalk."""
    post(**publisher, quantity=5)
    post(**publisher, quantity=None, region_code="450405", kind="internship")
    post(
        **publisher,
        quantity=3,
        region_code="4504",
        occupation_code="2-02-01-03",
        industry_code="6513",
        published="2024-12-31 23:30",
    )
    post(**publisher, quantity=7, occupation_code="6-18-01-01", published="2025-01-01 07:00")
    post(**publisher, quantity=2, occupation_code=None, industry_code=None)
    post(**publisher, quantity=9, status="closed", published="2023-08-01")
    post(**publisher, quantity=50, status="rejected")
    post(**publisher, quantity=4, status="draft", published=None)
    post(
        organization=other_enterprise,
        author=recruiter,
        region_code="230502",
        quantity=11,
        occupation_code="1-01-00-01",
        industry_code="0111",
    )
    labor(region_code="4504", year=2025, occupation_code="6-18-01-01", demand=120, seekers=80)
    labor(region_code="4504", year=2025, demand=500, seekers=400)
    # A table with subtotals (大类 = Σ its 中类) and rows coded at 中类 / 小类 level.
    labor(region_code="4504", year=2024, demand=900, seekers=700)
    labor(region_code="4504", year=2024, occupation_code="5-00-00-00", demand=600, seekers=300)
    labor(region_code="4504", year=2024, occupation_code="5-02-00-00", demand=450, seekers=200)
    labor(region_code="4504", year=2024, occupation_code="2-10-01-00", demand=50, seekers=20)
    labor(region_code="4504", year=2024, occupation_code="2-99-00-00", demand=40, seekers=30)
    for quarter in (1, 2):
        labor(
            region_code="2305",
            year=2024,
            quarter=quarter,
            occupation_code="6-18-01-01",
            demand=10 * quarter,
            seekers=3,
        )
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=40, enrollment=45)
    graduates(school=wuzhou_school, major_code="410107", year=2025, count=13, enrollment=20)
    graduates(school=wuzhou_school, major_code="460103", year=2024, count=0, enrollment=0)


def test_spark_fill_equals_orm_fill(raw_rows, spark, tmp_path):
    analytics_fill(full=True)
    expected = _tables()
    assert len(expected["demand"]) > 10
    assert len(expected["cells"]) > 10

    results = spark_fill(spark=spark, workdir=tmp_path)

    assert _tables() == expected
    assert [r.rows_written for r in results] == [
        len(expected["demand"]),
        len(expected["supply"]),
        len(expected["cells"]),
    ]
