"""The statistics page's charts: 招生 and 毕业生 by year, 去向落实率 by year, the largest majors."""

from django.db.models import QuerySet

from chanjiao.common.echarts import ChartSpec, Series
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.selectors import major_year_totals_by_major, major_year_totals_by_year

TOP_MAJORS = 12
SCOPE_NOTE = "按当前筛选条件、在您可以查看的数据范围内汇总。"
RATE_NOTE = "去向落实率 =（就业人数 + 升学人数）÷ 毕业生数，只计填报了毕业去向的专业点。"
EMPTY = "没有可以汇总的统计数据：请放宽筛选条件，或先导入统计数据。"


def statistics_charts(rows: QuerySet[MajorYearStat]) -> list[ChartSpec]:
    """Three charts of the rows: enrolment and graduates by year, placement rate, top majors."""
    years = major_year_totals_by_year(rows)
    labels = [f"{t.label}年" for t in years]
    charts = [
        ChartSpec(
            title="各年度实际招生与毕业生人数",
            unit="人",
            categories=labels,
            series=[
                Series("实际招生", [t.enrollment for t in years]),
                Series("毕业生", [t.graduates for t in years]),
            ],
            x_label="年度",
            note=SCOPE_NOTE,
            empty_text=EMPTY,
        ),
        ChartSpec(
            title="各年度毕业去向落实率",
            unit="%",
            categories=labels,
            series=[Series("去向落实率", [t.placement_rate for t in years], kind="line")],
            x_label="年度",
            note=RATE_NOTE,
            empty_text="没有填报毕业去向的统计数据。",
        ),
    ]
    latest = next((t for t in reversed(years) if t.graduates), None)
    if latest is not None:
        majors = major_year_totals_by_major(rows, year=int(latest.label), limit=TOP_MAJORS)
        charts.append(
            ChartSpec(
                title=f"{latest.label}年毕业生最多的专业",
                unit="人",
                categories=[t.label for t in majors],
                series=[
                    Series("毕业生", [t.graduates for t in majors]),
                    Series("已落实去向", [t.placed for t in majors]),
                ],
                x_label="专业",
                horizontal=True,
                note=f"前 {len(majors)} 个专业，按毕业生人数从多到少排列。",
            )
        )
    return charts
