"""Interactive charts: a plain description of a chart, its ECharts option and its data table.

A page builds a ``ChartSpec`` (title, unit, categories, series) and renders it with
``{% load echarts %}{% echart spec %}`` (``common/_echart.html``): a titled figure whose canvas
``web/static/web/charts.js`` draws with ECharts (SVG renderer), an accessible summary, and the
same numbers in a table under 查看数据表. Pages that show charts include
``common/_echart_scripts.html`` in their ``scripts`` block.

No Django here: the builders are pure functions of the spec, so they are tested on their own and
the same spec gives the same option on every request.
"""

from dataclasses import dataclass
from typing import Any

PALETTE = ("#1f5fa8", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#0f7c8c")
# More categories than this get a slider to move through them (a window of this many).
ZOOM_AFTER = 20
ZOOM_AFTER_HORIZONTAL = 12
# Bars turn horizontal when category names are this long on average (twice: one of them).
LONG_NAME = 5
DASH = "—"


@dataclass
class Series:
    """One row of values, one per category; ``lower``/``upper`` draw an interval band."""

    name: str
    values: list[float | None]
    kind: str = "bar"  # "bar" or "line"
    lower: list[float | None] | None = None
    upper: list[float | None] | None = None

    @property
    def has_interval(self) -> bool:
        return self.lower is not None and self.upper is not None


@dataclass
class ChartSpec:
    """A chart: its title, the unit of its values, its categories (x axis) and series.

    ``x_label`` names the categories (e.g. 年份, 专业); ``note`` is shown under the chart (the
    source, what is left out); ``empty_text`` says why there is nothing to show, when there isn't.
    """

    title: str
    unit: str
    categories: list[str]
    series: list[Series]
    x_label: str = ""
    horizontal: bool = False
    note: str = ""
    empty_text: str = ""

    @property
    def has_data(self) -> bool:
        return bool(self.categories) and any(
            value is not None for series in self.series for value in series.values
        )


def _bounds(series: Series) -> list[tuple[float | None, float | None]]:
    """Each category's interval (None, None where the series has none)."""
    lower = series.lower or [None] * len(series.values)
    upper = series.upper or [None] * len(series.values)
    return list(zip(lower, upper, strict=True))


def format_number(value: float | None) -> str:
    """Write a number for people: thousands separators, at most two decimals, — when missing."""
    if value is None:
        return DASH
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _rounded(value: float | None) -> float | None:
    if value is None:
        return None
    return int(round(value)) if abs(value - round(value)) < 1e-9 else round(value, 4)


def chart_is_horizontal(spec: ChartSpec) -> bool:
    """Horizontal bars when asked, or when many bar categories have long names."""
    if spec.horizontal:
        return True
    if any(series.kind == "line" for series in spec.series):
        return False
    if len(spec.categories) < 4:
        return False
    lengths = [len(name) for name in spec.categories]
    return max(lengths) > 2 * LONG_NAME or sum(lengths) > LONG_NAME * len(lengths)


def _value_axis(spec: ChartSpec, horizontal: bool) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "type": "value",
        "name": f"单位：{spec.unit}" if spec.unit else "",
        "nameTextStyle": {"color": "#5c6670"},
        "splitLine": {"lineStyle": {"color": "#e5e9ee"}},
    }
    if horizontal:
        axis.update(nameLocation="middle", nameGap=26)
    else:
        # Above the axis, starting at its line: centred, a long unit would be cut at the left.
        axis["nameTextStyle"] = {"color": "#5c6670", "align": "left"}
    return axis


def _category_axis(spec: ChartSpec, horizontal: bool) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "type": "category",
        "data": list(spec.categories),
        "name": spec.x_label,
        "nameTextStyle": {"color": "#5c6670"},
        "axisTick": {"alignWithLabel": True},
        "axisLabel": {"hideOverlap": True},
    }
    if horizontal:
        axis.update(inverse=True, nameLocation="start")
        axis["axisLabel"] = {"width": 110, "overflow": "truncate", "interval": 0}
    else:
        axis.update(nameLocation="middle", nameGap=28)
    return axis


def _data(series: Series) -> list[Any]:
    if not series.has_interval:
        return [_rounded(value) for value in series.values]
    items: list[Any] = []
    for value, (low, high) in zip(series.values, _bounds(series), strict=True):
        if low is None or high is None:
            items.append(_rounded(value))
        else:
            items.append(
                {"value": _rounded(value), "lower": _rounded(low), "upper": _rounded(high)}
            )
    return items


def _series(series: Series, index: int) -> dict[str, Any]:
    color = PALETTE[index % len(PALETTE)]
    entry: dict[str, Any] = {
        "id": f"s{index}",
        "name": series.name,
        "type": "line" if series.kind == "line" else "bar",
        "data": _data(series),
        "itemStyle": {"color": color},
        "z": 3,
    }
    if entry["type"] == "line":
        entry.update(symbol="circle", symbolSize=7, connectNulls=False, lineStyle={"width": 2})
    else:
        entry.update(barMaxWidth=28)
    return entry


def band_name(series: Series) -> str:
    return f"{series.name}区间"


def _band(series: Series, index: int) -> list[dict[str, Any]]:
    """Two stacked lines: a transparent one at the lower bound, a filled one up to the upper."""
    color = PALETTE[index % len(PALETTE)]
    common = {
        "name": band_name(series),
        "type": "line",
        "stack": f"band{index}",
        "stackStrategy": "all",
        "symbol": "none",
        "silent": True,
        "lineStyle": {"opacity": 0},
        "emphasis": {"disabled": True},
        "tooltip": {"show": False},
        "itemStyle": {"color": color},
        "z": 1,
    }
    base: list[float | None] = []
    width: list[float | None] = []
    for low, high in _bounds(series):
        if low is None or high is None:
            base.append(None)
            width.append(None)
        else:
            base.append(_rounded(low))
            width.append(_rounded(high - low))
    return [
        {**common, "id": f"band{index}-base", "data": base},
        {
            **common,
            "id": f"band{index}-fill",
            "data": width,
            "areaStyle": {"color": color, "opacity": 0.18},
        },
    ]


def _legend(spec: ChartSpec) -> dict[str, Any] | None:
    items: list[Any] = []
    for index, series in enumerate(spec.series):
        items.append(series.name)
        if series.has_interval:
            color = PALETTE[index % len(PALETTE)]
            items.append(
                {
                    "name": band_name(series),
                    "icon": "rect",
                    "itemStyle": {"color": color, "opacity": 0.3},
                }
            )
    if len(items) < 2:
        return None
    return {"type": "scroll", "bottom": 0, "data": items}


def _zoom(spec: ChartSpec, horizontal: bool, bottom: int) -> list[dict[str, Any]]:
    window = ZOOM_AFTER_HORIZONTAL if horizontal else ZOOM_AFTER
    if len(spec.categories) <= window:
        return []
    zoom: dict[str, Any] = {
        "type": "slider",
        "startValue": 0,
        "endValue": window - 1,
        "showDetail": False,
        "brushSelect": False,
    }
    if horizontal:
        zoom.update(yAxisIndex=0, right=4, width=16, top=12, bottom=bottom + 24)
    else:
        zoom.update(xAxisIndex=0, bottom=bottom, height=18)
    return [zoom]


def echart_option(spec: ChartSpec) -> dict[str, Any]:
    """Build the ECharts option of a spec (tooltips, axis names with the unit, legend, bands)."""
    horizontal = chart_is_horizontal(spec)
    legend = _legend(spec)
    bottom = 8 + (28 if legend else 0)
    zoom = _zoom(spec, horizontal, bottom)
    top = 28 if horizontal and spec.x_label else 12 if horizontal else 40
    grid = {"left": 8, "right": 16, "top": top, "bottom": bottom, "containLabel": True}
    if zoom and horizontal:
        grid["right"] = 32
    elif zoom:
        grid["bottom"] = bottom + 30
    if not horizontal and spec.x_label:
        grid["bottom"] += 22
    if horizontal:
        grid["bottom"] += 24
    series: list[dict[str, Any]] = []
    for index, item in enumerate(spec.series):
        series.append(_series(item, index))
        if item.has_interval:
            series.extend(_band(item, index))
    option: dict[str, Any] = {
        "animation": False,
        "color": list(PALETTE),
        "textStyle": {"fontFamily": "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif"},
        "grid": grid,
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}, "confine": True},
        "xAxis": _value_axis(spec, True) if horizontal else _category_axis(spec, False),
        "yAxis": _category_axis(spec, True) if horizontal else _value_axis(spec, False),
        "series": series,
    }
    if any(s.kind == "line" for s in spec.series):
        option["tooltip"]["axisPointer"] = {"type": "line"}
    if legend:
        option["legend"] = legend
    if zoom:
        option["dataZoom"] = zoom
    return option


def echart_table(spec: ChartSpec) -> tuple[list[str], list[list[str]]]:
    """Return the chart's numbers as a table: a header (units named) and one row per category."""
    unit = f"（{spec.unit}）" if spec.unit else ""
    header = [spec.x_label or "类别"]
    for series in spec.series:
        header.append(f"{series.name}{unit}")
        if series.has_interval:
            header.append(f"{band_name(series)}{unit}")
    rows: list[list[str]] = []
    for position, category in enumerate(spec.categories):
        row = [category]
        for series in spec.series:
            row.append(format_number(series.values[position]))
            if series.lower is not None and series.upper is not None:
                low, high = series.lower[position], series.upper[position]
                row.append(
                    DASH
                    if low is None or high is None
                    else f"{format_number(low)}{DASH}{format_number(high)}"
                )
        rows.append(row)
    return header, rows


def echart_summary(spec: ChartSpec) -> str:
    """Say in one Chinese sentence what the chart shows: its size and each series' highest value."""
    if not spec.has_data:
        return spec.empty_text or "暂无数据"
    parts = [f"共{len(spec.categories)}项"]
    for series in spec.series[:3]:
        known = [
            (value, category)
            for value, category in zip(series.values, spec.categories, strict=True)
            if value is not None
        ]
        if not known:
            continue
        value, category = max(known, key=lambda pair: pair[0])
        text = f"{series.name}最高为{category}，{format_number(value)}{spec.unit}"
        if len(known) > 1:
            low_value, low_category = min(known, key=lambda pair: pair[0])
            text += f"，最低为{low_category}，{format_number(low_value)}{spec.unit}"
        parts.append(text)
    return "；".join(parts) + "。"
