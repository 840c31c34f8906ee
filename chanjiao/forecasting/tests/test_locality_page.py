"""The forecast page for people: a plain summary, charts with the interval, paged series."""

import re

import pytest
from django.test import Client

from chanjiao.common.tests.echarts_page import page_charts, visible_part
from chanjiao.forecasting.models import ForecastPoint, ForecastSeries
from chanjiao.forecasting.services import forecasts_compute

pytestmark = pytest.mark.django_db

PAGE = "/forecasts/4504/"
# Engineers' words that belong to the technical note only.
JARGON = ("MASE", "ETS", "statsmodels", "Holt", "朴素法", "回测", "漂移法", "σ")
ENGLISH = re.compile(r"\b[a-z]{3,}\b")


@pytest.fixture
def forecasts(wuzhou_locality, labor_history):
    forecasts_compute(locality=wuzhou_locality)
    return wuzhou_locality


def _text(html: str) -> str:
    """The words a reader sees in the page's main part: no tags, no attributes."""
    main = visible_part(html).split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    return re.sub(r"<[^>]+>", " ", main)


def _point(code: str, year: int) -> ForecastPoint:
    return ForecastPoint.objects.get(series__code=code, year=year)


def test_the_largest_forecast_is_charted_with_its_interval(forecasts):
    html = Client().get(PAGE).content.decode()

    series_chart, top_chart = page_charts(html)
    welders = ForecastSeries.objects.get(code="6-18-00-00")
    first = _point("6-18-00-00", 2026)
    assert series_chart.title == "机械制造基础加工人员：需求人数与预测"
    assert series_chart.unit == "人"
    assert series_chart.categories == [f"{year}年" for year in range(2016, 2029)]
    fill = next(s for s in series_chart.option["series"] if s["id"] == "band1-fill")
    assert fill["areaStyle"]["opacity"] > 0
    row_2026 = next(row for row in series_chart.rows if row[0] == "2026年")
    assert row_2026[2] == f"{first.point:,.2f}".rstrip("0").rstrip(".")
    assert "—" in row_2026[3]  # the interval, low—high
    assert series_chart.rows[0] == ["2016年", f"{welders.history['2016']:,.0f}", "—", "—"]
    # The second chart: next year's largest forecasts, beside the last actual year.
    assert top_chart.title == "2026年预测需求人数最多的职业中类"
    assert top_chart.categories == ["机械制造基础加工人员", "批发与零售服务人员"]
    assert top_chart.series_names == ["2025年实际", "2026年预测"]


def test_plain_sentences_say_what_is_expected(forecasts):
    html = Client().get(PAGE).content.decode()

    first = _point("6-18-00-00", 2026)
    assert "预计2026年梧州市各职业中类岗位需求合计约" in html
    assert (
        f"预计2026年梧州市机械制造基础加工人员需求约 {round(first.point):,} 人，较可能在 "
        f"{round(first.lower_80):,}—{round(first.upper_80):,} 人之间；2025年实际为 477 人。"
    ) in html


def test_no_jargon_or_english_is_visible_by_default(forecasts):
    html = Client().get(PAGE).content.decode()

    text = _text(html)
    assert [word for word in JARGON if word in text] == []
    assert ENGLISH.findall(text) == []
    assert '<details class="how" id="how">' in html  # the method, collapsed
    assert 'href="/forecasts/4504/technical/?level=occupation_group"' in html


def test_series_are_paged_largest_first(forecasts, monkeypatch):
    monkeypatch.setattr("chanjiao.forecasting.views.SERIES_PER_PAGE", 2)

    first = Client().get(PAGE).content.decode()
    second = Client().get(PAGE, {"page": 2}).content.decode()

    table = first.split('id="all-series"')[1]
    assert table.index("机械制造基础加工人员") < table.index("批发与零售服务人员")
    assert "卫生专业技术人员" not in table.split("</table>")[0]
    assert "第 1 / 2 页，共 3 条" in first
    assert "page=2" in first
    assert "卫生专业技术人员" in second.split('id="all-series"')[1]
    assert "人数少于 5，不显示" in second


def test_search_finds_a_series_by_name(forecasts):
    found = Client().get(PAGE, {"q": "批发"}).content.decode()
    none = Client().get(PAGE, {"q": "不存在的职业"}).content.decode()

    table = found.split('id="all-series"')[1].split("</table>")[0]
    assert "批发与零售服务人员" in table
    assert "机械制造基础加工人员" not in table
    assert "没有名称含“不存在的职业”的职业中类" in none


def test_choosing_a_series_charts_it(forecasts):
    html = Client().get(PAGE, {"series": "4-01-00-00"}).content.decode()

    assert page_charts(html)[0].title == "批发与零售服务人员：需求人数与预测"
    assert '<option value="4-01-00-00" selected>' in html


def test_a_hidden_series_says_why_instead_of_a_chart(forecasts):
    html = Client().get(PAGE, {"series": "2-05-00-00"}).content.decode()

    chart = page_charts(html)[0]
    assert chart.option is None
    assert "该职业中类人数少于 5，公开页面不显示具体数字。" in chart.html


def test_index_says_what_each_locality_has(forecasts):
    html = Client().get("/forecasts/").content.decode()

    assert "截至 2025 年" in html
    assert "/forecasts/4504/" in html
    assert "尚无预测：预测每月自动更新" in html  # the other localities
    assert ENGLISH.findall(_text(html)) == []
