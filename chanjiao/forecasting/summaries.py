"""The forecasts in one or two plain Chinese sentences, for the top of the forecast pages."""

from chanjiao.common.echarts import format_number
from chanjiao.forecasting.selectors import ForecastView, SeriesView


def _people(value: float | None) -> str:
    return format_number(None if value is None else round(value))


def _range(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return f"，较可能在 {_people(low)}—{_people(high)} 人之间"


def series_sentence(series: SeriesView, *, locality_name: str) -> str:
    """Say what one series' next-year forecast is, with its likely range and last actual year."""
    if series.suppressed or not series.points or series.points[0].point is None:
        return f"{series.name}人数少于 5，公开页面不显示具体数字。"
    first = series.points[0]
    text = (
        f"预计{first.year}年{locality_name}{series.name}需求约 {_people(first.point)} 人"
        f"{_range(first.lower_80, first.upper_80)}"
    )
    known = [(year, value) for year, value in series.history if value is not None]
    if known:
        year, value = known[-1]
        text += f"；{year}年实际为 {_people(value)} 人"
    return text + "。"


def _change(now: float, before: float) -> str:
    if before <= 0:
        return ""
    percent = (now - before) / before * 100
    if abs(percent) < 0.5:
        return "，与上年基本持平"
    word = "增加" if percent > 0 else "减少"
    return f"，比上年{word}约 {abs(percent):.0f}%"


def view_sentence(view: ForecastView) -> str:
    """Say what the next year's forecasts add up to and which series leads, in plain words."""
    if view.run is None:
        return ""
    base_year = view.run.base_year
    shown = [s for s in view.series if not s.suppressed and s.points and s.points[0].point]
    if not shown:
        return "各项人数都少于 5，公开页面不显示具体数字。"
    next_year = shown[0].points[0].year
    total = sum(s.points[0].point or 0 for s in shown)
    before = sum(dict(s.history).get(base_year) or 0 for s in shown)
    text = (
        f"预计{next_year}年{view.locality.name}各{view.level_label}岗位需求合计约 "
        f"{_people(total)} 人{_change(total, before)}（{base_year}年实际 "
        f"{_people(before)} 人）。"
    )
    top = max(shown, key=lambda s: s.points[0].point or 0)
    point = top.points[0]
    text += (
        f"需求最多的是{top.name}，约 {_people(point.point)} 人"
        f"{_range(point.lower_80, point.upper_80)}。"
    )
    hidden = len(view.series) - len(shown)
    if view.is_public and hidden:
        text += f"另有 {hidden} 项人数少于 5 或暂无预测，未计入。"
    return text
