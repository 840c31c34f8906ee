"""``{% load echarts %}{% echart spec %}``: a titled interactive chart with its data table."""

import hashlib
import json
from typing import Any

from django import template

from chanjiao.common.echarts import (
    ZOOM_AFTER_HORIZONTAL,
    ChartSpec,
    chart_is_horizontal,
    echart_option,
    echart_summary,
    echart_table,
    format_number,
)

register = template.Library()

_COUNTER = "chanjiao.common.echarts.counter"
TALL_AFTER = 8


def _chart_id(context: template.Context, option: dict[str, Any]) -> str:
    """An id unique on the page: a digest of the chart and its place among the page's charts."""
    counts = context.render_context
    number = int(counts.get(_COUNTER) or 0) + 1
    counts[_COUNTER] = number
    digest = hashlib.sha256(json.dumps(option, sort_keys=True).encode("utf-8")).hexdigest()
    return f"chart-{number}-{digest[:8]}"


@register.inclusion_tag("common/_echart.html", takes_context=True)
def echart(context: template.Context, spec: ChartSpec) -> dict[str, Any]:
    """Render ``spec``: figure, caption with its unit, the ECharts canvas and the data table."""
    option = echart_option(spec)
    header, rows = echart_table(spec)
    chart_id = _chart_id(context, option)
    return {
        "spec": spec,
        "chart_id": chart_id,
        "option_id": f"{chart_id}-option",
        "option": option,
        "summary": echart_summary(spec),
        "header": header,
        "rows": rows,
        "has_data": spec.has_data,
        # Many horizontal bars get a taller canvas (charts.css), so each keeps a readable height.
        "is_tall": chart_is_horizontal(spec)
        and min(len(spec.categories), ZOOM_AFTER_HORIZONTAL) > TALL_AFTER,
        "empty_text": spec.empty_text or "暂无数据",
    }


@register.filter
def whole_number(value: float | int | None) -> str:
    """A count for people: rounded, with thousands separators; — when missing."""
    if value is None or value == "":
        return format_number(None)
    return format_number(round(float(value)))


@register.filter
def decimal_number(value: float | int | None) -> str:
    """A ratio or rate for people: at most two decimals, thousands separators; — when missing."""
    if value is None or value == "":
        return format_number(None)
    return format_number(float(value))
