"""Pages of the talent-demand forecasts: the locality list and one locality's forecasts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chanjiao.forecasting.charts import series_chart
from chanjiao.forecasting.explanations import METHOD_PARAGRAPHS, run_summary_text
from chanjiao.forecasting.models import ForecastLevel
from chanjiao.forecasting.selectors import (
    forecast_series_shown,
    forecast_view,
    localities_with_forecasts,
)
from chanjiao.localities.selectors import locality_find


def forecast_index_page(request: HttpRequest) -> HttpResponse:
    """Every locality with the date of its latest forecast."""
    rows = localities_with_forecasts()
    return render(request, "forecasting/index.html", {"rows": rows})


def forecast_locality_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """One locality: series table, chart with bands, method, back-test and shortage ranking."""
    locality = locality_find(locality_code)
    level = request.GET.get("level", ForecastLevel.OCCUPATION_GROUP)
    if level not in ForecastLevel.values:
        level = ForecastLevel.OCCUPATION_GROUP
    view = forecast_view(locality=locality, level=level, fetched_by=request.user)
    selected = forecast_series_shown(view=view, code=request.GET.get("series", ""))
    context = {
        "view": view,
        "locality": locality,
        "levels": ForecastLevel.choices,
        "selected": selected,
        "chart": series_chart(selected) if selected is not None else None,
        "method_paragraphs": METHOD_PARAGRAPHS,
        "summary": run_summary_text(view.run) if view.run else "",
    }
    return render(request, "forecasting/locality.html", context)
