"""Pages: the government dashboard per locality (server-side SVG charts) and report downloads."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chanjiao.forecasting.selectors import localities_with_forecasts
from chanjiao.localities.selectors import locality_find
from chanjiao.reports.generators import (
    EmploymentBulletinReport,
    YearlySupplyDemandReport,
    yearly_charts,
)
from chanjiao.reports.permissions import user_can_read_internal_reports
from chanjiao.reports.selectors import report_data, report_default_year
from chanjiao.reports.services import report_render


def _year(request: HttpRequest, default: int) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default


def dashboard_index_page(request: HttpRequest) -> HttpResponse:
    """Every locality with a link to its dashboard."""
    return render(request, "reports/index.html", {"rows": localities_with_forecasts()})


def dashboard_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """One locality's dashboard: demand, shortage, warnings, supply against demand."""
    locality = locality_find(locality_code)
    year = _year(request, report_default_year(locality=locality))
    internal = user_can_read_internal_reports(request.user, locality)
    data = report_data(
        locality=locality, year=year, is_public=not internal, fetched_by=request.user
    )
    context = {
        "locality": locality,
        "year": year,
        "data": data,
        "charts": yearly_charts(data),
        "internal": internal,
        "yearly": YearlySupplyDemandReport(locality=locality, year=year),
        "bulletin_quarters": [1, 2, 3, 4],
    }
    return render(request, "reports/dashboard.html", context)


def _download(rendered_content: bytes, content_type: str, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(rendered_content, content_type=content_type)
    disposition = "attachment" if fmt == "pdf" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def report_download_page(
    request: HttpRequest, locality_code: str, year: int, fmt: str, quarter: int | None = None
) -> HttpResponse:
    """The yearly report (or a quarter's bulletin) as HTML or PDF, in the version the user may."""
    locality = locality_find(locality_code)
    kind = EmploymentBulletinReport.code if quarter else YearlySupplyDemandReport.code
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise Http404("季度只能是 1—4。")
    rendered = report_render(
        kind=kind,
        locality=locality,
        year=year,
        fmt=fmt,
        user=request.user,
        version=request.GET.get("version", "auto"),
        quarter=quarter,
    )
    return _download(rendered.content, rendered.content_type, rendered.filename, fmt)
