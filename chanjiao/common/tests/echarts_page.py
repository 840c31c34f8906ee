"""Read the charts of a rendered page (``{% echart %}``) back in tests: title, unit, table."""

import json
import re
from dataclasses import dataclass
from typing import Any

_FIGURE = re.compile(r'<figure class="echart" id="[^"]+">(.*?)</figure>', re.S)
_TITLE = re.compile(r'<span class="echart-title">(.*?)</span>')
_UNIT = re.compile(r'<span class="echart-unit">单位：(.*?)</span>')
_OPTION = re.compile(r'<script id="[^"]+" type="application/json">(.*?)</script>', re.S)
_LABEL = re.compile(r'class="echart-canvas[^"]*" role="img" aria-label="([^"]*)"')
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


@dataclass
class PageChart:
    title: str
    unit: str
    option: dict[str, Any] | None  # None: the chart says why it has no data
    label: str
    header: list[str]
    rows: list[list[str]]
    html: str

    @property
    def categories(self) -> list[str]:
        if self.option is None:
            return []
        axis = self.option["yAxis"] if self.option["yAxis"]["type"] == "category" else None
        return (axis or self.option["xAxis"])["data"]

    @property
    def series_names(self) -> list[str]:
        return [s["name"] for s in (self.option or {}).get("series", [])]


def page_charts(html: str) -> list[PageChart]:
    """Every chart of the page, in order."""
    charts = []
    for figure in _FIGURE.findall(html):
        option = _OPTION.search(figure)
        label = _LABEL.search(figure)
        unit = _UNIT.search(figure)
        table = [
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in _CELL.findall(row)]
            for row in _ROW.findall(figure)
        ]
        charts.append(
            PageChart(
                title=_TITLE.search(figure).group(1),
                unit=unit.group(1) if unit else "",
                option=json.loads(option.group(1)) if option else None,
                label=label.group(1) if label else "",
                header=table[0] if table else [],
                rows=table[1:],
                html=figure,
            )
        )
    return charts


def visible_part(html: str) -> str:
    """The page without what is collapsed by default: closed <details> bodies, scripts."""
    html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    return re.sub(
        r"<details(?![^>]*\bopen\b)[^>]*>\s*<summary>.*?</summary>.*?</details>",
        "",
        html,
        flags=re.S,
    )
