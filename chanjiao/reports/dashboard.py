"""The dashboard's interactive charts: the yearly report's figures as chart specs.

The yearly report and bulletin PDFs keep their static SVG charts (``generators.yearly_charts``);
the web dashboard draws the same sections with ECharts (``common/echarts.py``), each titled with
its unit and followed by its numbers in a table.
"""

from typing import Any

from chanjiao.common.echarts import ChartSpec, Series
from chanjiao.reports.selectors import ReportData

# An interactive chart can show more rows than a printed one: a slider moves through them.
DASHBOARD_TOP = 20


def _shown(rows: list[Any], attribute: str) -> list[Any]:
    shown = [r for r in rows if not r.suppressed and getattr(r, attribute) is not None]
    return shown[:DASHBOARD_TOP]


def _public_note(data: ReportData, rows: list[Any]) -> str:
    hidden = sum(1 for r in rows if getattr(r, "suppressed", False))
    if data.is_public and hidden:
        return f"公开版：另有 {hidden} 项人数少于 5，不予公布。"
    return ""


HIDDEN_ALL = (
    "公开版：各项人数少于 5（或可由合计推算），不予公布；本地区政府部门人员登录后可查看内部版。"
)


def _why(data: ReportData, section: str, default: str) -> str:
    reason = data.reasons.get(section)
    if reason:
        return f"本年度无法显示：{reason}。"
    rows = getattr(data, section)
    if data.is_public and rows and all(r.suppressed for r in rows):
        return HIDDEN_ALL
    return default


def _industry_chart(data: ReportData) -> ChartSpec:
    industries = _shown(data.demand_by_industry, "value")
    source = data.sources.get("demand_by_industry", "")
    notes = [f"数据来源：{source}。" if source else "", _public_note(data, data.demand_by_industry)]
    return ChartSpec(
        title=f"{data.year}年各行业岗位需求人数",
        unit="人",
        categories=[r.name for r in industries],
        series=[Series("需求人数", [r.value for r in industries])],
        x_label="行业门类",
        horizontal=True,
        note="".join(notes),
        empty_text=_why(data, "demand_by_industry", "本年度无分行业需求数据。"),
    )


def _shortage_chart(data: ReportData) -> ChartSpec:
    rows = [r for r in data.shortage if r.ratio is not None][:DASHBOARD_TOP]
    year = rows[0].year if rows else data.year + 1
    return ChartSpec(
        title=f"紧缺职业：{year}年预测求人倍率",
        unit="倍",
        categories=[r.name for r in rows],
        series=[Series("预测求人倍率", [r.ratio for r in rows])],
        x_label="职业中类",
        horizontal=True,
        note="求人倍率 = 预测岗位需求人数 ÷ 求职人数；大于 1 表示岗位多于求职者。",
        empty_text="暂无紧缺职业：尚无需求预测，或各职业的预测求人倍率均未超过本地区标准。",
    )


def _warning_chart(data: ReportData) -> ChartSpec:
    rows = data.warnings_by_major[:DASHBOARD_TOP]
    return ChartSpec(
        title=f"{data.year}年预警专业（专业点数）",
        unit="个",
        categories=[r.name for r in rows],
        series=[Series("预警专业点数", [r.value for r in rows])],
        x_label="专业",
        horizontal=True,
        note="同一专业在几所学校被预警，即计几个专业点。",
        empty_text="本年度无预警专业。",
    )


def _supply_demand_chart(data: ReportData) -> ChartSpec:
    # The majors with the most people on either side first.
    majors = sorted(
        (r for r in data.supply_demand if not r.suppressed and r.demand is not None),
        key=lambda r: (-((r.demand or 0) + (r.supply or 0)), r.code),
    )[:DASHBOARD_TOP]
    source = data.sources.get("supply_demand", "")
    notes = [
        f"需求来自{source}，按专业—职业对应关系分摊到专业；" if source else "",
        "供给为同一年度的毕业生数；按两者之和从多到少排列。",
        _public_note(data, data.supply_demand),
    ]
    return ChartSpec(
        title=f"{data.year}年分专业人才供需对比",
        unit="人",
        categories=[r.name for r in majors],
        series=[
            Series("需求人数", [r.demand for r in majors]),
            Series("毕业生供给人数", [r.supply for r in majors]),
        ],
        x_label="专业",
        horizontal=True,
        note="".join(notes),
        empty_text=_why(data, "supply_demand", "本年度无分专业供需数据。"),
    )


def dashboard_charts(data: ReportData) -> list[ChartSpec]:
    """The dashboard's four charts: demand by industry, shortage, warnings, supply and demand."""
    return [
        _industry_chart(data),
        _shortage_chart(data),
        _warning_chart(data),
        _supply_demand_chart(data),
    ]
