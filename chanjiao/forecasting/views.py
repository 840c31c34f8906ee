"""Pages of the talent-demand forecasts: the locality list and one locality's forecasts."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.forecasting.charts import series_spec, top_series_spec
from chanjiao.forecasting.explanations import (
    METHOD_PARAGRAPHS,
    PLAIN_PARAGRAPHS,
    plain_summary_text,
    run_summary_text,
)
from chanjiao.forecasting.models import ForecastLevel
from chanjiao.forecasting.permissions import user_can_compute_forecasts
from chanjiao.forecasting.selectors import (
    ForecastView,
    SeriesView,
    forecast_series_shown,
    forecast_view,
    localities_with_forecasts,
)
from chanjiao.forecasting.services import forecasts_compute_request
from chanjiao.forecasting.summaries import series_sentence, view_sentence
from chanjiao.forecasting.tasks import forecasts_pending
from chanjiao.localities.selectors import locality_find

# The shortage ranking shows this many rows unless the visitor asks for all of them.
SHORTAGE_TOP = 20
# The table of every series shows this many rows a page, largest next-year forecast first.
SERIES_PER_PAGE = 15
# While the first forecasts are being computed, the page reloads itself this often.
COMPUTING_REFRESH_SECONDS = 15


def forecast_index_page(request: HttpRequest) -> HttpResponse:
    """Every locality with the date of its latest forecast."""
    rows = localities_with_forecasts()
    return render(request, "forecasting/index.html", {"rows": rows})


def _level(request: HttpRequest) -> str:
    level = request.GET.get("level", ForecastLevel.OCCUPATION_GROUP)
    return level if level in ForecastLevel.values else ForecastLevel.OCCUPATION_GROUP


def _series_by_size(view: ForecastView, query: str) -> list[SeriesView]:
    """The series, largest next-year forecast first (hidden ones last), matching ``query``."""
    rows = [s for s in view.series if query in s.name or query == s.code] if query else view.series

    def size(series: SeriesView) -> tuple[bool, float, str]:
        point = series.points[0].point if series.points else None
        return (point is None, -(point or 0), series.code)

    return sorted(rows, key=size)


def _series_page(request: HttpRequest, view: ForecastView, query: str) -> Page:
    rows = _series_by_size(view, query)
    return Paginator(rows, SERIES_PER_PAGE).get_page(request.GET.get("page"))


def forecast_locality_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """One locality: a plain summary, charts with the interval, paged series, shortage ranking."""
    locality = locality_find(locality_code)
    view = forecast_view(locality=locality, level=_level(request), fetched_by=request.user)
    show_all = request.GET.get("all") == "1"
    query = request.GET.get("q", "").strip()[:50]
    by_size = _series_by_size(view, "")
    # Without a choice, the chart shows the series with the largest forecast.
    code = request.GET.get("series", "") or (by_size[0].code if by_size else "")
    selected = forecast_series_shown(view=view, code=code)
    context = {
        "view": view,
        "locality": locality,
        "levels": ForecastLevel.choices,
        "selected": selected,
        "series_chart": (
            series_spec(selected, level_label=view.level_label) if selected is not None else None
        ),
        "series_sentence": (
            series_sentence(selected, locality_name=locality.name) if selected else ""
        ),
        "overview_sentence": view_sentence(view),
        "top_chart": top_series_spec(view) if len(view.series) > 1 else None,
        "query": query,
        "page_obj": _series_page(request, view, query),
        "querystring_without_page": querystring_without_page(request),
        "plain_paragraphs": PLAIN_PARAGRAPHS,
        "summary": plain_summary_text(view.run) if view.run else "",
        "shortage": view.shortage if show_all else view.shortage[:SHORTAGE_TOP],
        "shortage_hidden": 0 if show_all else max(0, len(view.shortage) - SHORTAGE_TOP),
        "can_compute": user_can_compute_forecasts(request.user, locality),
        "computing": forecasts_pending(locality),
    }
    response = render(request, "forecasting/locality.html", context)
    if context["computing"] and view.run is None:
        response["Refresh"] = str(COMPUTING_REFRESH_SECONDS)  # shows the forecasts once written
    return response


def forecast_technical_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """The technical note of one locality's forecasts: methods, back-test errors per series."""
    locality = locality_find(locality_code)
    view = forecast_view(locality=locality, level=_level(request), fetched_by=request.user)
    context = {
        "view": view,
        "locality": locality,
        "method_paragraphs": METHOD_PARAGRAPHS,
        "summary": run_summary_text(view.run) if view.run else "",
    }
    return render(request, "forecasting/technical.html", context)


@require_POST
def forecast_compute_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """Queue a recomputation of the locality's forecasts (its officers and staff only)."""
    locality = locality_find(locality_code)
    forecasts_compute_request(locality=locality, actor=acting_user(request))
    messages.success(request, "已提交重新计算，完成后本页将显示最新预测。")
    return HttpResponseRedirect(reverse("forecasting:locality", args=[locality.region.code]))
