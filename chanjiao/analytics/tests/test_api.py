"""The analytics API: who sees full figures, the public view, CSV export and the fill state."""

import csv
import io

import pytest
from django.core.management import call_command

from chanjiao.analytics.tests.factories import graduates, post

pytestmark = pytest.mark.django_db

DEMAND = "/api/v1/analytics/demand/"


@pytest.fixture
def filled(publisher, wuzhou_school, localities):
    """梧州 2025: 车工 4 openings (small), 茶叶加工工 30; 40 graduates of 620201."""
    post(**publisher, occupation_code="6-18-01-01", quantity=4)
    post(**publisher, occupation_code="6-02-06-10", quantity=30)
    post(**publisher, occupation_code="6-02-06-11", quantity=12, published="2024-04-01")
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=40)
    call_command("analytics_fill", stdout=io.StringIO())


def _client(request, client_for, api_client, persona: str):
    return api_client if persona == "anonymous" else client_for(request.getfixturevalue(persona))


@pytest.mark.parametrize(
    ("persona", "sees_small_cell"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("recruiter", False),
        ("school_admin", False),
        ("shuangyashan_officer", False),
        ("wuzhou_officer", True),
        ("staff_user", True),
    ],
)
def test_small_cells_only_for_the_regions_officers_and_staff(
    request, filled, client_for, api_client, persona, sees_small_cell
):
    client = _client(request, client_for, api_client, persona)

    response = client.get(DEMAND, {"region": "4504", "year": 2025, "by": "occupation"})

    assert response.status_code == 200
    body = response.json()
    rows = {row["code"]: row for row in body["results"]}
    assert body["public"] is not sees_small_cell
    if sees_small_cell:
        assert rows["6-18-01-01"] == {
            "code": "6-18-01-01",
            "name": "车工",
            "openings": 4,
            "postings": 1,
            "suppressed": False,
        }
        assert rows["6-02-06-10"]["openings"] == 30
    else:
        assert rows["6-18-01-01"] == {
            "code": "6-18-01-01",
            "name": "车工",
            "openings": None,
            "postings": None,
            "suppressed": True,
        }
        assert rows["6-02-06-10"] == {  # the complement: 大类 6 = 34 would give the 4 back
            "code": "6-02-06-10",
            "name": "茶叶加工工",
            "openings": None,
            "postings": None,
            "suppressed": True,
        }
        assert "4" not in [str(row["openings"]) for row in body["results"]]


def test_officer_can_ask_for_the_public_view(filled, client_for, wuzhou_officer):
    response = client_for(wuzhou_officer).get(
        DEMAND, {"region": "4504", "year": 2025, "by": "occupation", "public": "true"}
    )

    assert response.json()["public"] is True
    assert {r["code"]: r["suppressed"] for r in response.json()["results"]}["6-18-01-01"] is True


def test_defaults_to_the_latest_year_and_industry_sections(filled, client_for, wuzhou_officer):
    body = client_for(wuzhou_officer).get(DEMAND, {"region": "4504"}).json()

    assert (body["year"], body["by"], body["source"]) == (2025, "industry_section", "listings")
    assert body["region"] == {"code": "4504", "name": "梧州市"}
    assert [(r["code"], r["openings"], r["postings"]) for r in body["results"]] == [("C", 34, 2)]


def test_county_is_public_for_nobody_but_open_to_its_officer(
    filled, client_for, api_client, wuzhou_officer
):
    anonymous = api_client.get(DEMAND, {"region": "450403", "year": 2025})
    officer = client_for(wuzhou_officer).get(DEMAND, {"region": "450403", "year": 2025})

    assert anonymous.status_code == 400
    assert "万秀区（450403）不单独公开发布统计数据" in anonymous.json()["message"]
    assert "results" not in anonymous.json()
    assert officer.status_code == 200
    assert officer.json()["results"][0]["openings"] == 34


@pytest.mark.parametrize(
    ("_case", "params", "message"),
    [
        ("no region", {"year": 2025}, "请指定地区"),
        ("unknown grouping", {"region": "4504", "by": "salary"}, "分组方式 by 只能是"),
        ("unknown source", {"region": "4504", "source": "weibo"}, "来源 source 只能是"),
        ("bad year", {"region": "4504", "year": "今年"}, "年度 year 须为四位数字"),
    ],
)
def test_bad_parameters_get_chinese_errors(filled, api_client, _case, params, message):
    response = api_client.get(DEMAND, params)

    assert response.status_code == 400
    assert message in str(response.json())


def test_unknown_region_is_404(filled, api_client):
    response = api_client.get(DEMAND, {"region": "999999"})

    assert response.status_code == 404
    assert "地区代码 999999 不存在" in response.json()["message"]


def test_supply_demand_by_major(filled, client_for, wuzhou_officer):
    body = (
        client_for(wuzhou_officer)
        .get("/api/v1/analytics/supply-demand/", {"region": "4504", "year": 2025, "by": "major"})
        .json()
    )

    rows = {r["code"]: r for r in body["results"]}
    assert rows["620201"] == {
        "code": "620201",
        "name": "水文地质与工程地质勘查",
        "demand": 0.0,
        "supply": 40.0,
        "gap": -40.0,
        "ratio": 0.0,
        "suppressed": False,
    }
    assert rows["410107"]["demand"] == 30.0


def test_supply_table(filled, api_client):
    body = api_client.get("/api/v1/analytics/supply/", {"region": "4504", "year": 2025}).json()

    assert body["public"] is True
    assert body["results"] == [
        {
            "code": "620201",
            "name": "水文地质与工程地质勘查",
            "schools": 1,
            "graduates": 40,
            "enrollment": 0,
            "suppressed": False,
        }
    ]


def test_csv_export_is_always_suppressed(filled, client_for, wuzhou_officer):
    response = client_for(wuzhou_officer).get(
        "/api/v1/analytics/demand/export/", {"region": "4504", "year": 2025, "by": "occupation"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["代码", "名称", "需求人数", "信息条数", "是否抑制"],
        ["6-02-06-10", "茶叶加工工", "", "", "是"],
        ["6-18-01-01", "车工", "", "", "是"],
    ]


def test_supply_demand_csv_export(filled, api_client):
    response = api_client.get(
        "/api/v1/analytics/supply-demand/export/",
        {"region": "4504", "year": 2025, "by": "occupation"},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["代码", "名称", "需求", "供给", "缺口", "供需比", "是否抑制"]
    assert ["2-02-01-03", "水工环地质工程技术人员", "0.0", "20.0", "-20.0", "0.0", ""] in rows


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 403),
        ("outsider", 403),
        ("recruiter", 403),
        ("school_admin", 403),
        ("wuzhou_officer", 200),
        ("staff_user", 200),
    ],
)
def test_fill_state_for_officers_and_staff(
    request, filled, client_for, api_client, persona, status
):
    response = _client(request, client_for, api_client, persona).get(
        "/api/v1/analytics/fill-state/"
    )

    assert response.status_code == status
    if status == 200:
        states = {row["stat"]: row for row in response.json()}
        assert set(states) == {"demand", "supply", "supply_demand"}
        assert states["demand"]["status"] == "done"
        assert states["demand"]["years_filled"] == [2024, 2025]
    else:
        assert "rows_written" not in str(response.json())
