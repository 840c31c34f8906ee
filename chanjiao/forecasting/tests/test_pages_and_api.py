"""The forecast page and API: suppression for the public, recomputation by officers only."""

import pytest
from django.test import Client

from chanjiao.common.tests.echarts_page import page_charts
from chanjiao.forecasting.models import ForecastRun
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.forecasting.tasks import compute_all_forecasts_task


@pytest.fixture
def forecasts(wuzhou_locality, labor_history):
    forecasts_compute(locality=wuzhou_locality)
    return wuzhou_locality


@pytest.mark.django_db
def test_api_suppresses_small_series_for_the_public(forecasts, api_client):
    response = api_client.get("/api/v1/forecasts/4504/")

    assert response.status_code == 200
    body = response.json()
    assert body["is_public"] is True
    assert body["run"]["base_year"] == 2025
    assert body["run"]["series_count"] == 3
    small = next(s for s in body["series"] if s["code"] == "2-05-00-00")
    assert small["suppressed"] is True
    assert {p["point"] for p in small["points"]} == {None}
    assert {h["value"] for h in small["history"]} == {None}
    welders = next(s for s in body["series"] if s["code"] == "6-18-00-00")
    assert welders["history"][-1] == {"year": 2025, "value": 477.0}
    assert [p["year"] for p in welders["points"]] == [2026, 2027, 2028]
    assert any("滚动起点回测" in paragraph for paragraph in body["method"])


@pytest.mark.django_db
def test_api_shows_small_series_to_the_locality_officer(forecasts, client_for, wuzhou_officer):
    body = client_for(wuzhou_officer).get("/api/v1/forecasts/梧州市/").json()

    small = next(s for s in body["series"] if s["code"] == "2-05-00-00")
    assert body["is_public"] is False
    assert small["suppressed"] is False
    assert small["history"][0] == {"year": 2016, "value": 3.0}


@pytest.mark.django_db
def test_shortage_api_ranks_with_previous_rank(forecasts, api_client):
    rows = api_client.get("/api/v1/forecasts/4504/shortage/").json()

    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert rows[0]["code"] == "6-18-00-00"
    assert rows[0]["is_shortage"] is True
    assert rows[0]["rank_change"] == rows[0]["previous_rank"] - 1
    assert rows[1]["suppressed"] is True
    assert rows[1]["ratio"] is None


@pytest.mark.django_db
def test_industry_level_without_count_tables_has_no_run(forecasts, api_client):
    body = api_client.get("/api/v1/forecasts/4504/?level=industry").json()

    assert body["run"] is None
    assert body["series"] == []
    assert api_client.get("/api/v1/forecasts/4504/?level=major").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 403),
        ("other city's officer", "shuangyashan_officer", 403),
        ("locality officer", "wuzhou_officer", 202),
        ("platform staff", "staff_user", 202),
    ],
)
def test_compute_api_is_for_officers(
    request,
    forecasts,
    api_client,
    client_for,
    django_capture_on_commit_callbacks,
    _case,
    persona,
    status,
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    before = ForecastRun.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/forecasts/4504/compute/")

    assert response.status_code == status
    assert ForecastRun.objects.count() == before + (1 if status == 202 else 0)


@pytest.mark.django_db
def test_unknown_locality_is_404(localities, api_client):
    response = api_client.get("/api/v1/forecasts/9999/")

    assert response.status_code == 404
    assert "未找到地区" in response.json()["message"]


# Words of the technical note that the public page must not use.
JARGON = ("MASE", "ETS", "statsmodels", "Holt", "朴素法", "回测", "σ")


@pytest.mark.django_db
def test_page_shows_chart_plain_method_and_ranking(forecasts):
    response = Client().get("/forecasts/4504/?series=6-18-00-00")

    html = response.content.decode()
    assert response.status_code == 200
    chart = page_charts(html)[0]
    assert chart.title == "机械制造基础加工人员：需求人数与预测"
    assert chart.unit == "人"
    assert chart.series_names == ["实际", "预测", "预测区间", "预测区间"]  # the band: two lines
    assert chart.header == ["年份", "实际（人）", "预测（人）", "预测区间（人）"]
    assert "根据近几年岗位需求人数的变化趋势推算" in html
    assert "实际人数大约有八成可能落在其中" in html
    assert 'href="/forecasts/4504/technical/?level=occupation_group"' in html
    assert "紧缺职业排名（2026 年预测求人倍率" in html
    assert "数据量小，已隐藏" in html
    assert [word for word in JARGON if word in html] == []
    assert "查看全部" not in html  # three groups fit under the top rows


@pytest.mark.django_db
def test_technical_note_keeps_method_names_and_backtest_errors(forecasts):
    html = Client().get("/forecasts/4504/technical/").content.decode()

    run = ForecastRun.objects.get(level="occupation_group")
    assert "滚动起点回测" in html
    assert "statsmodels" in html
    assert f"所选方法平均 MASE 为 {run.mase:.3f}" in html
    assert "机械制造基础加工人员" in html


@pytest.mark.django_db
def test_ranking_shows_top_rows_with_a_link_to_all(forecasts, monkeypatch):
    monkeypatch.setattr("chanjiao.forecasting.views.SHORTAGE_TOP", 2)

    top = Client().get("/forecasts/4504/").content.decode()
    every = Client().get("/forecasts/4504/?all=1").content.decode()

    assert "查看全部 3 个职业中类（另有 1 个未列出）" in top
    assert "（4-01-00-00）" not in top
    assert "（4-01-00-00）" in every
    assert "查看全部" not in every


@pytest.mark.django_db
def test_page_without_forecasts_says_what_data_is_missing(localities):
    html = Client().get("/forecasts/2305/").content.decode()
    industry = Client().get("/forecasts/2305/?level=industry").content.decode()

    assert "双鸭山市尚无职业中类预测" in html
    assert "至少两个完整年度的岗位需求人数" in html
    assert "平台岗位信息中至少两个完整年度的招聘人数" in industry
    assert "forecast_demand" not in html
    assert "compute/" not in html  # no recomputation button for the public


@pytest.mark.django_db
def test_page_says_forecasts_are_being_computed_while_the_job_is_queued(
    wuzhou_locality, labor_history, client_for, wuzhou_officer, settings
):
    # As after `make run`: the job is queued in the database for the worker, not run yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    idle = Client().get("/forecasts/4504/")
    assert "梧州市尚无职业中类预测" in idle.content.decode()
    assert "Refresh" not in idle

    compute_all_forecasts_task.enqueue()
    response = client_for(wuzhou_officer).get("/forecasts/4504/")

    html = response.content.decode()
    assert "梧州市的职业中类预测正在后台计算，通常一两分钟内完成" in html
    assert "尚无" not in html
    assert "立即重新计算" not in html  # already on its way
    assert response["Refresh"] == "15"
    assert not ForecastRun.objects.exists()


@pytest.mark.django_db
def test_officer_starts_a_recomputation_from_the_page(
    wuzhou_locality, client_for, wuzhou_officer, django_capture_on_commit_callbacks
):
    client = client_for(wuzhou_officer)
    assert "立即重新计算" in client.get("/forecasts/4504/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/forecasts/4504/compute/")

    assert response.status_code == 302
    assert response["Location"] == "/forecasts/4504/"


@pytest.mark.django_db
def test_page_recomputation_is_refused_to_others(wuzhou_locality, client_for, outsider):
    assert Client().post("/forecasts/4504/compute/").status_code == 403
    assert client_for(outsider).post("/forecasts/4504/compute/").status_code == 403
    assert not ForecastRun.objects.exists()


@pytest.mark.django_db
def test_index_lists_localities(forecasts):
    html = Client().get("/forecasts/").content.decode()

    assert "/forecasts/4504/" in html
    assert "2025 年" in html
