"""The forecast charts: one series' history, forecast and interval; the largest forecasts.

The web pages draw them with ECharts (``series_spec``, ``top_series_spec``: chart specs of
``common/echarts.py``); ``series_chart`` draws the same series as a static SVG (matplotlib) for
documents and the server's warm-up.
"""

from chanjiao.analytics.charts import Chart, forecast_chart
from chanjiao.common.echarts import ChartSpec, Series
from chanjiao.forecasting.selectors import ForecastView, SeriesView

# The bar chart of the largest forecasts shows this many series.
TOP_SERIES = 10


def series_spec(series: SeriesView, *, level_label: str) -> ChartSpec:
    """History and forecast of one series; the forecast carries its 八成 (80%) interval."""
    history = dict(series.history)
    points = {p.year: p for p in series.points}
    years = sorted(set(history) | set(points))
    last_year = max(history) if history else None
    forecast: list[float | None] = []
    for year in years:
        if year in points:
            forecast.append(points[year].point)
        else:  # the last actual year starts the forecast line, so the two lines meet
            forecast.append(history.get(year) if year == last_year else None)
    return ChartSpec(
        title=f"{series.name}：需求人数与预测",
        unit="人",
        categories=[f"{year}年" for year in years],
        series=[
            Series("实际", [history.get(year) for year in years], kind="line"),
            Series(
                "预测",
                forecast,
                kind="line",
                lower=[points[y].lower_80 if y in points else None for y in years],
                upper=[points[y].upper_80 if y in points else None for y in years],
            ),
        ],
        x_label="年份",
        note="预测区间（阴影）为较可能的范围：实际人数大约有八成可能落在其中；年份越远，范围越宽。",
        empty_text=f"该{level_label}人数少于 5，公开页面不显示具体数字。",
    )


def top_series_spec(view: ForecastView, *, limit: int = TOP_SERIES) -> ChartSpec:
    """The series with the largest next-year forecast, beside their last actual year."""
    rows = [s for s in view.series if not s.suppressed and s.points and s.points[0].point]
    rows.sort(key=lambda s: (-(s.points[0].point or 0), s.code))
    rows = rows[:limit]
    base_year = view.run.base_year if view.run else None
    next_year = rows[0].points[0].year if rows else (base_year or 0) + 1
    last = [dict(s.history).get(base_year) if base_year else None for s in rows]
    return ChartSpec(
        title=f"{next_year}年预测需求人数最多的{view.level_label}",
        unit="人",
        categories=[s.name for s in rows],
        series=[
            Series(f"{base_year}年实际", last),
            Series(f"{next_year}年预测", [s.points[0].point for s in rows]),
        ],
        x_label=view.level_label,
        horizontal=True,
        note=f"前 {len(rows)} 个，按{next_year}年预测需求人数从多到少排列。",
        empty_text="暂无可公开的预测数字。",
    )


def series_chart(series: SeriesView, *, unit_label: str = "需求人数（人）") -> Chart:
    """Draw one series; a suppressed series is drawn empty (its numbers are not public)."""
    history = [(y, v) for y, v in series.history if v is not None]
    points = [(p.year, p.point) for p in series.points if p.point is not None]
    band80 = [
        (p.year, p.lower_80, p.upper_80)
        for p in series.points
        if p.lower_80 is not None and p.upper_80 is not None
    ]
    band95 = [
        (p.year, p.lower_95, p.upper_95)
        for p in series.points
        if p.lower_95 is not None and p.upper_95 is not None
    ]
    return forecast_chart(
        title=f"{series.name}需求人数预测（人）",
        history=history,
        points=points,
        band80=band80,
        band95=band95,
        y_label=unit_label,
    )
