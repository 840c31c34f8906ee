"""The forecast chart of one series: history, forecast and interval bands (server-side SVG)."""

from chanjiao.analytics.charts import Chart, forecast_chart
from chanjiao.forecasting.selectors import SeriesView


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
