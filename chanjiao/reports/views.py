"""Pages: the government dashboard per locality (interactive charts) and report downloads."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_tasks import TaskResultStatus

from chanjiao.forecasting.selectors import localities_with_forecasts
from chanjiao.localities.selectors import locality_find
from chanjiao.reports.dashboard import dashboard_charts
from chanjiao.reports.downloads import content_disposition
from chanjiao.reports.generators import (
    EmploymentBulletinReport,
    ReportGenerator,
    YearlySupplyDemandReport,
)
from chanjiao.reports.jobs import (
    STAGE_LABELS,
    PdfJobState,
    PdfStage,
    pdf_job_failed_lately,
    pdf_job_latest,
    pdf_job_state,
)
from chanjiao.reports.permissions import user_can_read_internal_reports
from chanjiao.reports.selectors import report_data, report_year_choice
from chanjiao.reports.services import (
    RenderedReport,
    report_generator_for,
    report_pdf_digest,
    report_pdf_is_stored,
    report_pdf_job,
    report_pdf_stored,
    report_render,
)
from chanjiao.reports.tasks import render_report_pdf_task

# The dashboard lists this many shortage occupations; the forecast page has all of them.
SHORTAGE_ROWS = 10
# The waiting page reloads itself this often while the worker renders the PDF (~30 s).
PENDING_REFRESH_SECONDS = 5
# The query parameter of the waiting page's reloads.
WAIT = "wait"


def _year(request: HttpRequest, default: int) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default


def dashboard_index_page(request: HttpRequest) -> HttpResponse:
    """Every locality with its dashboard, its latest yearly report and its forecasts."""
    rows = [
        {
            "locality": row.locality,
            "latest": row.latest,
            "year_choice": report_year_choice(locality=row.locality),
        }
        for row in localities_with_forecasts()
    ]
    return render(request, "reports/index.html", {"rows": rows})


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
        "charts": dashboard_charts(data),
        "shortage_rows": data.shortage[:SHORTAGE_ROWS],
        "internal": internal,
        "yearly": YearlySupplyDemandReport(locality=locality, year=year),
        "bulletin_quarters": [1, 2, 3, 4],
    }
    return render(request, "reports/dashboard.html", context)


def _download(rendered: RenderedReport, fmt: str) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    # The report's Chinese title, and an ASCII name for old clients (RFC 6266 / RFC 5987).
    response["Content-Disposition"] = content_disposition(
        filename=rendered.generator.download_name(fmt),
        fallback=rendered.filename,
        as_attachment=fmt == "pdf",
    )
    return response


def _report_urls(request: HttpRequest, generator: ReportGenerator) -> dict[str, str]:
    """The report's HTML and PDF addresses, and the PDF's waiting page (``?wait=1``)."""
    kwargs: dict[str, object] = {
        "locality_code": generator.locality.region.code,
        "year": generator.year,
    }
    name = "reports:yearly-report"
    if isinstance(generator, EmploymentBulletinReport):
        name, kwargs["quarter"] = "reports:bulletin-report", generator.quarter
    params = request.GET.copy()
    params.pop(WAIT, None)
    query = f"?{params.urlencode()}" if params else ""
    pdf_url = reverse(name, kwargs={**kwargs, "fmt": "pdf"}) + query
    return {
        "html_url": reverse(name, kwargs={**kwargs, "fmt": "html"}) + query,
        "pdf_url": pdf_url,
        "wait_url": pdf_url + ("&" if query else "?") + f"{WAIT}=1",
    }


def _pdf_status_page(
    request: HttpRequest, generator: ReportGenerator, state: PdfJobState
) -> HttpResponse:
    """Where the PDF stands: 排队中 / 生成中 (202, reloads itself), 已完成 (starts it), 失败."""
    urls = _report_urls(request, generator)
    context = {"report": generator, "state": state, "stages": STAGE_LABELS, **urls}
    status = 202 if state.is_waiting else 200
    response = render(request, "reports/pdf_pending.html", context, status=status)
    if state.is_waiting:
        response["Refresh"] = f"{PENDING_REFRESH_SECONDS}; url={urls['wait_url']}"
    elif state.stage == PdfStage.DONE:
        response["Refresh"] = f"1; url={urls['pdf_url']}"  # the download starts by itself
    add_never_cache_headers(response)
    return response


def _pdf_page(request: HttpRequest, generator: ReportGenerator) -> HttpResponse:
    """The stored PDF; else queue its render (joining one queued) and say where it stands.

    The waiting page reloads with ``?wait=1``: there the PDF, once stored, is announced rather
    than sent (the download then starts from that page), and a render that failed lately is
    reported instead of queued again; the page's 重新生成 button queues a fresh try. The
    immediate backend (tests, one-off commands) renders at the enqueue, so the PDF is there.
    """
    user = request.user
    waiting = request.GET.get(WAIT) == "1"
    digest = report_pdf_digest(generator=generator, user=user)
    if waiting and report_pdf_is_stored(generator=generator, digest=digest):
        return _pdf_status_page(request, generator, PdfJobState(PdfStage.DONE))
    stored = report_pdf_stored(generator=generator, user=user, digest=digest)
    if stored is not None:
        return _download(stored, "pdf")
    if waiting:
        latest = pdf_job_latest(generator)
        if latest is not None and (not latest.is_finished or pdf_job_failed_lately(latest)):
            return _pdf_status_page(request, generator, pdf_job_state(latest))
    job = render_report_pdf_task.enqueue(**report_pdf_job(generator))
    if not job.is_finished:
        return _pdf_status_page(request, generator, pdf_job_state(job))
    if job.status == TaskResultStatus.FAILED:
        trace = job.errors[-1].traceback if job.errors else ""
        raise RuntimeError(f"Rendering the PDF of {generator.title} failed:\n{trace}")
    stored = report_pdf_stored(generator=generator, user=user, digest=digest)
    if stored is None:
        raise RuntimeError(f"The PDF of {generator.title} was rendered but is not stored.")
    return _download(stored, "pdf")


def report_download_page(
    request: HttpRequest, locality_code: str, year: int, fmt: str, quarter: int | None = None
) -> HttpResponse:
    """The yearly report (or a quarter's bulletin) as HTML or PDF, in the version the user may.

    A PDF whose data changed since it was last rendered is rendered by the task worker, never
    here: the request queues the job (or joins the one queued) and answers 202 with a page that
    says where the job stands and reloads until the PDF is stored, then starts the download.
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
    return _pdf_page(request, generator)
