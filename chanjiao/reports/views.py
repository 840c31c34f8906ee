"""Pages: the government dashboard per locality (server-side SVG charts) and report downloads."""

from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_tasks import TaskResultStatus

from chanjiao.accounts.models import User
from chanjiao.forecasting.selectors import localities_with_forecasts
from chanjiao.localities.selectors import locality_find
from chanjiao.reports.generators import (
    EmploymentBulletinReport,
    ReportGenerator,
    YearlySupplyDemandReport,
    yearly_charts,
)
from chanjiao.reports.permissions import user_can_read_internal_reports
from chanjiao.reports.selectors import report_data, report_year_choice
from chanjiao.reports.services import (
    RenderedReport,
    report_generator_for,
    report_pdf_digest,
    report_pdf_job,
    report_pdf_stored,
    report_render,
)
from chanjiao.reports.tasks import render_report_pdf_task

# The waiting page reloads itself this often while the worker renders the PDF (~30 s).
PENDING_REFRESH_SECONDS = 5


def _year(request: HttpRequest, default: int) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default


def dashboard_index_page(request: HttpRequest) -> HttpResponse:
    """Every locality with a link to its dashboard."""
    return render(request, "reports/index.html", {"rows": localities_with_forecasts()})


def dashboard_page(request: HttpRequest, locality_code: str) -> HttpResponse:
    """One locality's dashboard: demand, shortage, warnings, supply against demand."""
    locality = locality_find(locality_code)
    choice = report_year_choice(locality=locality)
    year = _year(request, choice.year)
    internal = user_can_read_internal_reports(request.user, locality)
    data = report_data(
        locality=locality, year=year, is_public=not internal, fetched_by=request.user
    )
    context = {
        "locality": locality,
        "year": year,
        "year_choice": choice,
        "data": data,
        "charts": yearly_charts(data),
        "internal": internal,
        "yearly": YearlySupplyDemandReport(locality=locality, year=year),
        "bulletin_quarters": [1, 2, 3, 4],
    }
    return render(request, "reports/dashboard.html", context)


def _download(rendered: RenderedReport, fmt: str) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    disposition = "attachment" if fmt == "pdf" else "inline"
    # An ASCII name for old clients and the report's Chinese title (RFC 6266 / RFC 5987).
    response["Content-Disposition"] = (
        f'{disposition}; filename="{rendered.filename}"; '
        f"filename*=UTF-8''{quote(rendered.generator.download_name(fmt))}"
    )
    return response


def _pdf_stored_or_queued(
    generator: ReportGenerator, user: User | AnonymousUser
) -> RenderedReport | None:
    """The stored PDF; else queue its render (joining one already queued) and return None.

    The immediate backend (tests, one-off commands) renders at the enqueue, so the PDF is there.
    """
    # The HTML (hence the digest) is made once per request, even when the PDF is looked up twice.
    digest = report_pdf_digest(generator=generator, user=user)
    stored = report_pdf_stored(generator=generator, user=user, digest=digest)
    if stored is not None:
        return stored
    job = render_report_pdf_task.enqueue(**report_pdf_job(generator))
    if not job.is_finished:
        return None  # the worker renders it; the waiting page refreshes until it is stored
    if job.status == TaskResultStatus.FAILED:
        trace = job.errors[-1].traceback if job.errors else ""
        raise RuntimeError(f"Rendering the PDF of {generator.title} failed:\n{trace}")
    return report_pdf_stored(generator=generator, user=user, digest=digest)


def _pdf_pending_page(request: HttpRequest, generator: ReportGenerator) -> HttpResponse:
    """202: the PDF is being rendered; the page reloads itself every few seconds."""
    kwargs: dict[str, object] = {
        "locality_code": generator.locality.region.code,
        "year": generator.year,
    }
    name = "reports:yearly-report"
    if isinstance(generator, EmploymentBulletinReport):
        name, kwargs["quarter"] = "reports:bulletin-report", generator.quarter
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    context = {
        "report": generator,
        "html_url": reverse(name, kwargs={**kwargs, "fmt": "html"}) + query,
        "pdf_url": reverse(name, kwargs={**kwargs, "fmt": "pdf"}) + query,
    }
    response = render(request, "reports/pdf_pending.html", context, status=202)
    response["Refresh"] = str(PENDING_REFRESH_SECONDS)
    add_never_cache_headers(response)
    return response


def report_download_page(
    request: HttpRequest, locality_code: str, year: int, fmt: str, quarter: int | None = None
) -> HttpResponse:
    """The yearly report (or a quarter's bulletin) as HTML or PDF, in the version the user may.

    A PDF whose data changed since it was last rendered is rendered by the task worker, never
    here: the request queues the job (or joins the one queued) and answers 202 with a page that
    reloads until the PDF is stored.
    """
    locality = locality_find(locality_code)
    kind = EmploymentBulletinReport.code if quarter else YearlySupplyDemandReport.code
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise Http404("季度只能是 1—4。")
    version = request.GET.get("version", "auto")
    if fmt != "pdf":
        rendered = report_render(
            kind=kind,
            locality=locality,
            year=year,
            fmt=fmt,
            user=request.user,
            version=version,
            quarter=quarter,
        )
        return _download(rendered, fmt)
    generator = report_generator_for(
        kind=kind,
        locality=locality,
        year=year,
        user=request.user,
        version=version,
        quarter=quarter,
        fmt=fmt,
    )
    stored = _pdf_stored_or_queued(generator, request.user)
    if stored is None:
        return _pdf_pending_page(request, generator)
    return _download(stored, fmt)
