"""Server-side SVG charts (matplotlib, no JavaScript): every chart has a title and unit labels.

Output is reproducible: fixed ``svg.hashsalt``, no date metadata, text kept as text (so the
titles are searchable in the HTML and extractable from the PDF) in the Noto Sans CJK font.
"""

import functools
import hashlib
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

NOTO_SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_FAMILY = "Noto Sans CJK SC"
PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#c53030", "#6b46c1")


@dataclass(frozen=True)
class Chart:
    """One rendered chart: its title, axis labels and the inline SVG markup."""

    title: str
    x_label: str
    y_label: str
    svg: str


# Charts drawn lately, by their inputs: a chart is a pure function of its data (identical data
# gives byte-identical SVG), so pages draw each chart once per change of its data, not per request.
CACHE_SIZE = 256
_drawn: OrderedDict[Hashable, Chart] = OrderedDict()
_drawn_lock = threading.Lock()
# matplotlib's settings (rc_context) are process-global: one drawing at a time per process.
_drawing_lock = threading.Lock()


def _frozen(value: object) -> Hashable:
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value  # str, numbers and None


def charts_cache_clear() -> None:
    """Forget every drawn chart (tests; nothing else needs it: the key is the data)."""
    with _drawn_lock:
        _drawn.clear()


def _memoised(draw: Callable[..., Chart]) -> Callable[..., Chart]:
    @functools.wraps(draw)
    def cached(**kwargs: Any) -> Chart:
        key = (draw.__name__, _frozen(kwargs))
        with _drawn_lock:
            if key in _drawn:
                _drawn.move_to_end(key)
                return _drawn[key]
        with _drawing_lock:
            chart = draw(**kwargs)
        with _drawn_lock:
            _drawn[key] = chart
            while len(_drawn) > CACHE_SIZE:
                _drawn.popitem(last=False)
        return chart

    return cached


@lru_cache(maxsize=1)
def _font_family() -> str:
    """Register the Noto CJK file with matplotlib once; return the family to write."""
    font_manager.fontManager.addfont(NOTO_SANS)
    return font_manager.FontProperties(fname=NOTO_SANS).get_name()


def _rc() -> dict[RcKeyType, Any]:
    return {
        "svg.hashsalt": "chanjiao-reports",
        "svg.fonttype": "none",
        "font.family": [_font_family()],
        "font.size": 10,
        "axes.unicode_minus": False,
        "text.parse_math": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    # Inline markup: drop the XML prolog and DOCTYPE; name the family the platform ships (SC).
    text = text[text.index("<svg") :]
    text = re.sub(r"'Noto Sans CJK [A-Z]{2}'", f"'{FONT_FAMILY}'", text)
    return _unique_ids(text)


def _unique_ids(svg: str) -> str:
    """Prefix element ids with a digest of the chart, so several charts share one page."""
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:10] + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)


def _figure(height: float) -> Figure:
    return Figure(figsize=(7.2, height), dpi=96, layout="constrained")


def _finish(figure: Figure, title: str, x_label: str, y_label: str) -> Chart:
    axes = figure.axes[0]
    axes.set_title(title, fontsize=12, loc="left")
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    return Chart(title, x_label, y_label, _svg(figure))


def _empty(axes: matplotlib.axes.Axes, text: str = "暂无数据") -> None:
    axes.text(0.5, 0.5, text, ha="center", va="center", transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


@_memoised
def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    x_label: str,
    y_label: str,
    empty_text: str = "暂无数据",
) -> Chart:
    """Draw horizontal bars, first label on top; ``x_label`` names the value and its unit.

    Without labels the chart says ``empty_text`` (best: why there is nothing to show).
    """
    with matplotlib.rc_context(_rc()):
        figure = _figure(max(2.2, 0.32 * len(labels) + 1.2))
        axes = figure.add_subplot()
        if labels:
            positions = list(range(len(labels)))[::-1]
            axes.barh(positions, values, color=PALETTE[0])
            axes.set_yticks(positions, labels)
        else:
            _empty(axes, empty_text)
        return _finish(figure, title, x_label, y_label)


@_memoised
def paired_bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float]],
    x_label: str,
    y_label: str,
    empty_text: str = "暂无数据",
) -> Chart:
    """Draw two or more bars per label (e.g. demand against supply), with a legend."""
    with matplotlib.rc_context(_rc()):
        figure = _figure(max(2.4, 0.45 * len(labels) + 1.4))
        axes = figure.add_subplot()
        if labels:
            height = 0.8 / len(series)
            base = list(range(len(labels)))[::-1]
            for index, (name, values) in enumerate(series.items()):
                offsets = [p + (index - (len(series) - 1) / 2) * height for p in base]
                axes.barh(offsets, values, height=height, label=name, color=PALETTE[index])
            axes.set_yticks(base, labels)
            axes.legend(loc="lower right", frameon=False)
        else:
            _empty(axes, empty_text)
        return _finish(figure, title, x_label, y_label)


@_memoised
def forecast_chart(
    *,
    title: str,
    history: Sequence[tuple[int, float]],
    points: Sequence[tuple[int, float]],
    band80: Sequence[tuple[int, float, float]],
    band95: Sequence[tuple[int, float, float]],
    y_label: str,
) -> Chart:
    """Draw the history, the forecast and its 80% / 95% prediction-interval bands."""
    with matplotlib.rc_context(_rc()):
        figure = _figure(3.0)
        axes = figure.add_subplot()
        if history:
            axes.plot(*zip(*history, strict=True), marker="o", color=PALETTE[0], label="历史")
        if points:
            last = [history[-1]] if history else []
            line = [*last, *points]
            axes.plot(
                *zip(*line, strict=True), marker="o", linestyle="--", color=PALETTE[1], label="预测"
            )
        for band, alpha, label in ((band95, 0.15, "95% 预测区间"), (band80, 0.3, "80% 预测区间")):
            if band:
                years, lows, highs = zip(*band, strict=True)
                axes.fill_between(years, lows, highs, color=PALETTE[1], alpha=alpha, label=label)
        if history or points:
            locator = axes.xaxis.get_major_locator()
            if isinstance(locator, MaxNLocator):  # the default AutoLocator is one
                locator.set_params(integer=True)
            axes.legend(loc="upper left", frameon=False, fontsize=8)
        else:
            _empty(axes)
        return _finish(figure, title, "年份", y_label)
