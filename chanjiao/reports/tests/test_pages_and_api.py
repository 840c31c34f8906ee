"""Dashboard, report downloads and the report data API: versions, permissions, suppression."""

import re
from urllib.parse import quote

import pytest
from django.test import Client

from chanjiao.common.tests.echarts_page import page_charts

SCHOOL = "梧州职业学院"


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_dashboard_shows_four_charts_with_units(analytics_world):
    response = Client().get("/analytics/4504/?year=2025")

    assert response.status_code == 200
    html = response.content.decode()
    charts = page_charts(html)
    assert [(c.title, c.unit) for c in charts] == [
        ("2025年各行业岗位需求人数", "人"),
        ("紧缺职业：2026年预测求人倍率", "倍"),
        ("2025年预警专业（专业点数）", "个"),
        ("2025年分专业人才供需对比", "人"),
    ]
    industries = charts[0]
    assert "制造业" in industries.categories  # industry section C from 1530 精制茶加工
    assert industries.header == ["行业门类", "需求人数（人）"]
    assert industries.rows[0] == ["制造业", "310"]
    # P 教育 (3 openings) and, so that it cannot be worked out from the total, a second row.
    assert "公开版：另有 2 项人数少于 5，不予公布。" in industries.html
    # Both majors are hidden in public (one has 3 graduates; the other would follow from a total).
    assert charts[3].option is None
    assert "公开版：各项人数少于 5（或可由合计推算），不予公布" in charts[3].html
    assert "公开版" in html
    assert SCHOOL not in html
    assert "/analytics/reports/4504/2025.pdf" in html
    assert "报告 PDF 在后台生成" in html
    assert 'src="/static/web/charts.js"' in html


@pytest.mark.django_db
def test_officer_dashboard_shows_supply_against_demand(analytics_world, wuzhou_officer):
    html = _client(wuzhou_officer).get("/analytics/4504/?year=2025").content.decode()

    chart = page_charts(html)[3]
    majors = analytics_world["majors"]
    assert chart.series_names == ["需求人数", "毕业生供给人数"]
    assert chart.categories == [majors[0].name, majors[1].name]
    assert chart.rows == [[majors[0].name, "310", "120"], [majors[1].name, "3", "3"]]
    assert "内部版" in html
    assert "下载公开版 PDF" in html


@pytest.mark.django_db
def test_dashboard_index_offers_each_report_made_in_the_background(analytics_world):
    html = Client().get("/analytics/").content.decode()

    assert '<a href="/analytics/reports/4504/2025.pdf">下载 PDF（后台生成）</a>' in html
    assert "报告 PDF 在后台生成" in html
    assert "尚无供需数据" in html  # the other localities say why they have none


@pytest.mark.django_db
def test_dashboard_index_links_every_locality(localities):
    html = Client().get("/analytics/").content.decode()

    assert html.count("打开看板") == 5
    assert "/analytics/4504/" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("_case", "persona", "internal_status", "auto_version"),
    [
        ("anonymous", None, 403, "public"),
        ("outsider", "outsider", 403, "public"),
        ("other city's officer", "shuangyashan_officer", 403, "public"),
        ("school admin", "school_admin", 403, "public"),
        ("locality officer", "wuzhou_officer", 200, "internal"),
        ("platform staff", "staff_user", 200, "internal"),
    ],
)
def test_report_versions_by_role(
    request, analytics_world, _case, persona, internal_status, auto_version
):
    user = request.getfixturevalue(persona) if persona else None
    client = _client(user)

    internal = client.get("/analytics/reports/4504/2025.html?version=internal")
    auto = client.get("/analytics/reports/4504/2025.html")

    assert internal.status_code == internal_status
    if internal_status == 403:
        assert SCHOOL not in internal.content.decode()
    assert auto.status_code == 200
    html = auto.content.decode()
    assert ("内部版" in html) == (auto_version == "internal")
    assert (SCHOOL in html) == (auto_version == "internal")


@pytest.mark.django_db
def test_pdf_download_is_an_attachment(analytics_world):
    response = Client().get("/analytics/reports/4504/2025.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="4504-2025-yearly-public.pdf"; '
        f"filename*=UTF-8''{quote('梧州市2025年度技能人才供需报告.pdf')}"
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_web_and_command_give_the_same_bytes(analytics_world, tmp_path):
    from django.core.management import call_command

    output = tmp_path / "public.pdf"
    call_command(
        "report",
        "--locality",
        "4504",
        "--year",
        "2025",
        "--format",
        "pdf",
        "--output",
        str(output),
        "--public",
    )
    web = Client().get("/analytics/reports/4504/2025.pdf")

    assert web.content == output.read_bytes()


@pytest.mark.django_db
def test_public_report_hides_small_industry_counts(analytics_world):
    public = Client().get("/analytics/reports/4504/2025.html").content.decode()

    row = re.search(r"<td>P 教育</td><td class=\"num\">([^<]*)</td>", public)
    assert row is not None
    assert row.group(1) == "&lt;5"


@pytest.mark.django_db
def test_bulletin_page_for_a_quarter(analytics_world):
    response = Client().get("/analytics/reports/4504/2025-q3.html")

    assert response.status_code == 200
    assert "梧州市2025年第3季度就业信息发布" in response.content.decode()
    assert Client().get("/analytics/reports/4504/2025-q5.html").status_code == 404


@pytest.mark.django_db
def test_api_gives_public_data_to_anonymous(analytics_world, api_client):
    response = api_client.get("/api/v1/analytics/reports/4504/2025/")

    assert response.status_code == 200
    body = response.json()
    assert body["is_public"] is True
    assert body["title"] == "梧州市2025年度技能人才供需报告"
    assert body["warnings"] == []
    assert [(w["name"], w["value"]) for w in body["warnings_by_major"]] == [
        (analytics_world["majors"][1].name, 1.0)
    ]
    education = next(r for r in body["demand_by_industry"] if r["code"] == "P")
    assert education == {"code": "P", "name": "教育", "value": None, "suppressed": True}
    assert [c["x_label"] for c in body["charts"]] == [
        "需求人数（人）",
        "预测求人倍率（倍）",
        "预警专业点数（个）",
        "人数（人）",
    ]
    assert body["pdf_url"] == "/analytics/reports/4504/2025.pdf"


@pytest.mark.django_db
def test_api_gives_internal_data_to_the_locality_officer(
    analytics_world, client_for, wuzhou_officer
):
    body = client_for(wuzhou_officer).get("/api/v1/analytics/reports/4504/2025/").json()

    assert body["is_public"] is False
    assert body["warnings"][0]["school"] == SCHOOL
    assert body["warnings"][0]["level"] == "调减"
    education = next(r for r in body["demand_by_industry"] if r["code"] == "P")
    assert education["value"] == 3.0


@pytest.mark.django_db
@pytest.mark.parametrize("_case", ["anonymous", "other city's officer"])
def test_api_refuses_internal_version(
    analytics_world, client_for, shuangyashan_officer, api_client, _case
):
    client = api_client if _case == "anonymous" else client_for(shuangyashan_officer)

    response = client.get("/api/v1/analytics/reports/4504/2025/?version=internal")

    assert response.status_code == 403
    assert response.json()["message"] == "只有梧州市的政府部门人员可以查看内部版报告。"


@pytest.mark.django_db
def test_api_rejects_unknown_version(analytics_world, api_client):
    response = api_client.get("/api/v1/analytics/reports/4504/2025/?version=secret")

    assert response.status_code == 400
    assert "version" in response.json()["message"]


@pytest.mark.django_db
def test_yearly_report_explains_the_forecast_in_plain_chinese(analytics_world):
    html = _client(None).get("/analytics/reports/4504/2025.html").content.decode()

    assert "根据近几年岗位需求人数的变化趋势推算" in html
    assert "推算办法" in html
    for jargon in ("MASE", "ETS", "statsmodels", "回测"):
        assert jargon not in html, jargon
