from decimal import Decimal

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from chanjiao.statistics.loading import labor_market_stats_load
from chanjiao.statistics.models import LaborMarketStat
from chanjiao.statistics.selectors import labor_market_series
from chanjiao.statistics.tests.conftest import LABOR_IMPORT_URL, LABOR_URL
from chanjiao.statistics.tests.files import csv_upload

pytestmark = pytest.mark.django_db
HEADER = ["地区代码", "年度", "季度", "职业代码", "职业名称", "需求人数", "求职人数", "求人倍率"]


def test_load_real_file_is_idempotent(catalogs, capsys):
    call_command("load_labor_market_stats")
    first = list(LaborMarketStat.objects.order_by("pk").values())

    call_command("load_labor_market_stats")

    assert "读取 8 行，新增 0 条，更新 0 条，未变化 8 条" in capsys.readouterr().out
    assert list(LaborMarketStat.objects.order_by("pk").values()) == first
    assert len(first) == 8


def test_load_maps_regions_and_units(catalogs):
    counts = labor_market_stats_load()

    assert (counts.rows, counts.created) == (8, 8)
    national = LaborMarketStat.objects.get(year=2010, quarter=2)
    assert (national.region, national.region_label) == (None, "national(monitored cities)")
    assert (national.demand_persons, national.jobseekers_persons) == (6_373_000, 6_371_000)
    assert national.vacancy_ratio == Decimal("1.00")
    assert national.cities_monitored == 105
    assert "东部求人倍率 1.00" in national.note
    assert national.source_url == "http://group.lc1001.com/topic/4238556.html"
    guangzhou = LaborMarketStat.objects.get(region_label="广州市")
    assert guangzhou.region.code == "4401"
    assert (guangzhou.year, guangzhou.quarter, guangzhou.vacancy_ratio) == (
        2023,
        3,
        Decimal("1.02"),
    )
    assert LaborMarketStat.objects.get(year=2016, quarter=1).vacancy_ratio is None


def _import(client, rows):
    return client.post(LABOR_IMPORT_URL, {"file": csv_upload([HEADER, *rows])}, format="multipart")


def test_officer_imports_a_table(client_for, wuzhou_officer):
    rows = [
        ["4504", "2025", "Q2", "6-00-00-00", "生产制造及有关人员", "1200", "800", "1.50"],
        ["4504", "2025", "2", "", "合计", "3000", "2400", ""],
    ]

    response = _import(client_for(wuzhou_officer), rows)

    assert response.status_code == 201, response.json()
    production = LaborMarketStat.objects.get(occupation__code="6-00-00-00")
    assert (production.region.code, production.quarter, production.vacancy_ratio) == (
        "4504",
        2,
        Decimal("1.50"),
    )
    total = LaborMarketStat.objects.get(occupation__isnull=True)
    assert (total.occupation_label, total.vacancy_ratio) == ("", Decimal("1.25"))
    assert _import(client_for(wuzhou_officer), rows).json()["unchanged"] == 2


@pytest.mark.parametrize(
    ("_case", "ratio", "ok"),
    [("exact", "1.50", True), ("within_tolerance", "1.52", True), ("off", "1.80", False)],
)
def test_ratio_is_checked_against_demand_and_seekers(_case, ratio, ok, client_for, wuzhou_officer):
    rows = [["4504", "2025", "1", "", "车工", "1200", "800", ratio]]

    response = _import(client_for(wuzhou_officer), rows)

    assert (response.status_code == 201) is ok
    if not ok:
        error = response.json()["extra"]["errors"][0]
        assert (error["row"], error["column"]) == (2, "求人倍率")
        assert error["message"] == "求人倍率 1.80 与需求人数 ÷ 求职人数（1200 ÷ 800 = 1.50）不符。"
        assert LaborMarketStat.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "cells", "column", "message"),
    [
        (
            "unknown_region",
            ["9999", "2025", "1", "", "合计", "1", "1", ""],
            "地区代码",
            "地区代码 9999不存在。",
        ),
        (
            "bad_quarter",
            ["4504", "2025", "5", "", "合计", "1", "1", ""],
            "季度",
            "季度须为 1～4 或“全年”（5）。",
        ),
        (
            "unknown_occupation",
            ["4504", "2025", "1", "9-99-99-99", "", "1", "1", ""],
            "职业代码",
            "职业代码 9-99-99-99 不在《职业分类大典》（2022年版）中。",
        ),
        (
            "no_figures",
            ["4504", "2025", "1", "", "合计", "", "", ""],
            "",
            "需求人数、求职人数、求人倍率至少填写一项。",
        ),
        (
            "other_region",
            ["4401", "2025", "1", "", "合计", "1", "1", ""],
            "地区代码",
            "您无权导入“广州市”的统计数据。",
        ),
    ],
)
def test_row_errors(_case, cells, column, message, client_for, wuzhou_officer):
    response = _import(
        client_for(wuzhou_officer), [["4504", "2024", "1", "", "合计", "5", "4", ""], cells]
    )

    errors = response.json()["extra"]["errors"]
    assert [(e["row"], e["column"], e["message"]) for e in errors] == [(3, column, message)]
    assert LaborMarketStat.objects.count() == 0


@pytest.mark.parametrize("persona", ["school_admin", "recruiter", "outsider"])
def test_only_officers_and_staff_import(persona, request, client_for, wuzhou):
    response = _import(
        client_for(request.getfixturevalue(persona)), [["4504", "2025", "1", "", "", "1", "1", ""]]
    )

    assert response.status_code == 403
    assert LaborMarketStat.objects.count() == 0


def test_staff_imports_national_rows(client_for, staff_user):
    header = ["地区", "年度", "季度", "职业名称", "需求人数", "求职人数"]
    response = client_for(staff_user).post(
        LABOR_IMPORT_URL,
        {"file": csv_upload([header, ["全国", "2024", "4", "合计", "4000000", "3500000"]])},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    row = LaborMarketStat.objects.get()
    assert (row.region, row.region_label, row.vacancy_ratio) == (None, "全国", Decimal("1.14"))


def test_list_is_public_and_filtered(catalogs, wuzhou):
    labor_market_stats_load()

    everything = APIClient().get(LABOR_URL)
    guangzhou = APIClient().get(f"{LABOR_URL}?region=4401")
    year = APIClient().get(f"{LABOR_URL}?year=2010")

    assert everything.status_code == 200
    assert everything.json()["count"] == 8
    assert [r["region_label"] for r in guangzhou.json()["results"]] == ["广州市"]
    assert [r["quarter"] for r in year.json()["results"]] == [2, 3, 4]


def test_series_selector_is_time_ordered(catalogs, wuzhou):
    labor_market_stats_load()

    national = labor_market_series().filter(region__isnull=True)

    assert [(r.year, r.quarter) for r in national][:3] == [(2010, 2), (2010, 3), (2010, 4)]
    assert list(labor_market_series(region="4401").values_list("region_label", flat=True)) == [
        "广州市"
    ]
