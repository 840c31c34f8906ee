"""The chart component: the ECharts option, the data table, the summary and the template tag."""

import json
import re

from django.template import Context, Template

from chanjiao.common.echarts import (
    ChartSpec,
    Series,
    chart_is_horizontal,
    echart_option,
    echart_summary,
    echart_table,
    format_number,
)


def _forecast_spec() -> ChartSpec:
    return ChartSpec(
        title="梧州市技能人才需求预测",
        unit="人",
        categories=["2023", "2024", "2025", "2026", "2027"],
        series=[
            Series("历史需求", [1200, 1300, 1250, None, None], kind="line"),
            Series(
                "预测需求",
                [None, None, 1250, 1320.5, 1400],
                kind="line",
                lower=[None, None, None, 1100, 1150],
                upper=[None, None, None, 1500, 1650],
            ),
        ],
        x_label="年份",
        note="数据来源：平台岗位",
    )


def test_option_names_the_unit_and_categories():
    spec = ChartSpec("各专业毕业生", "人", ["会计", "护理"], [Series("毕业生", [120, 80])])

    option = echart_option(spec)

    assert option["yAxis"]["name"] == "单位：人"
    assert option["xAxis"]["data"] == ["会计", "护理"]
    assert option["series"] == [
        {
            "id": "s0",
            "name": "毕业生",
            "type": "bar",
            "data": [120, 80],
            "itemStyle": {"color": "#1f5fa8"},
            "z": 3,
            "barMaxWidth": 28,
        }
    ]
    assert "legend" not in option
    assert "dataZoom" not in option
    json.dumps(option)  # plain JSON, nothing ECharts could not read


def test_interval_is_a_stacked_band_under_the_line():
    option = echart_option(_forecast_spec())

    ids = [s["id"] for s in option["series"]]
    assert ids == ["s0", "s1", "band1-base", "band1-fill"]
    base, fill = option["series"][2], option["series"][3]
    assert base["stack"] == fill["stack"] == "band1"
    assert base["data"] == [None, None, None, 1100, 1150]
    assert fill["data"] == [None, None, None, 400, 500]
    assert base["lineStyle"] == {"opacity": 0}
    assert "areaStyle" not in base
    assert fill["areaStyle"]["opacity"] > 0
    assert option["series"][1]["data"][3] == {"value": 1320.5, "lower": 1100, "upper": 1500}
    assert option["series"][1]["data"][2] == 1250
    # Legend: both lines and the band, named in Chinese.
    names = [item if isinstance(item, str) else item["name"] for item in option["legend"]["data"]]
    assert names == ["历史需求", "预测需求", "预测需求区间"]
    assert option["xAxis"]["name"] == "年份"


def test_long_names_turn_bars_horizontal_and_many_get_a_slider():
    names = [f"第{i}个很长的专业名称" for i in range(30)]
    spec = ChartSpec("预警专业", "个", names, [Series("专业点数", list(range(30)))])

    option = echart_option(spec)

    assert chart_is_horizontal(spec)
    assert option["yAxis"]["type"] == "category"
    assert option["yAxis"]["inverse"] is True
    assert option["xAxis"]["name"] == "单位：个"
    assert option["dataZoom"][0]["yAxisIndex"] == 0
    assert option["dataZoom"][0]["endValue"] == 11


def test_many_short_categories_stay_vertical_with_a_slider():
    years = [str(year) for year in range(2000, 2025)]
    spec = ChartSpec("招生人数", "人", years, [Series("招生", [1.0] * 25, kind="line")])

    option = echart_option(spec)

    assert not chart_is_horizontal(spec)
    assert option["dataZoom"][0]["xAxisIndex"] == 0
    assert option["dataZoom"][0]["endValue"] == 19


def test_table_rows_equal_the_data_with_units_in_the_header():
    header, rows = echart_table(_forecast_spec())

    assert header == ["年份", "历史需求（人）", "预测需求（人）", "预测需求区间（人）"]
    assert rows == [
        ["2023", "1,200", "—", "—"],
        ["2024", "1,300", "—", "—"],
        ["2025", "1,250", "1,250", "—"],
        ["2026", "—", "1,320.5", "1,100—1,500"],
        ["2027", "—", "1,400", "1,150—1,650"],
    ]


def test_numbers_are_written_for_people():
    assert format_number(None) == "—"
    assert format_number(12345.0) == "12,345"
    assert format_number(0.925) == "0.93"
    assert format_number(1.5) == "1.5"


def test_summary_says_the_size_and_extremes_in_chinese():
    spec = ChartSpec("毕业生", "人", ["会计", "护理", "数控"], [Series("毕业生", [120, 80, 95])])
    empty = ChartSpec("空", "人", [], [], empty_text="本年度无数据")

    assert echart_summary(spec) == "共3项；毕业生最高为会计，120人，最低为护理，80人。"
    assert echart_summary(empty) == "本年度无数据"


def _render(body: str, **context) -> str:
    return Template("{% load echarts %}" + body).render(Context(context))


def test_tag_renders_figure_option_and_table():
    spec = _forecast_spec()

    html = _render("{% echart spec %}", spec=spec)

    assert '<figure class="echart"' in html
    assert '<figcaption><span class="echart-title">梧州市技能人才需求预测</span>' in html
    assert '<span class="echart-unit">单位：人</span>' in html
    canvas = re.search(r'<div class="echart-canvas" role="img" aria-label="([^"]+)"', html)
    assert canvas is not None
    assert canvas.group(1).startswith("梧州市技能人才需求预测：共5项")
    script = re.search(r'<script id="([^"]+)" type="application/json">(.*?)</script>', html, re.S)
    assert script is not None
    assert f'data-option="{script.group(1)}"' in html
    assert json.loads(script.group(2)) == echart_option(spec)
    assert "<summary>查看数据表</summary>" in html
    assert '<th scope="col" class="num">预测需求区间（人）</th>' in html
    assert html.count('<th scope="row">') == 5
    assert "1,100—1,500" in html
    assert "数据来源：平台岗位" in html


def test_each_chart_on_a_page_has_its_own_ids():
    spec = _forecast_spec()

    html = _render("{% echart spec %}{% echart spec %}{% echart other %}", spec=spec, other=spec)

    ids = re.findall(r'<script id="([^"]+)"', html)
    figures = re.findall(r'<figure class="echart" id="([^"]+)"', html)
    assert len(set(ids)) == 3
    assert len(set(figures)) == 3


def test_chart_without_data_says_why_and_draws_nothing():
    spec = ChartSpec("预警专业", "个", [], [Series("专业点数", [])], empty_text="本年度无预警专业")

    html = _render("{% echart spec %}", spec=spec)

    assert "本年度无预警专业" in html
    assert "echart-canvas" not in html
    assert "<table>" not in html
