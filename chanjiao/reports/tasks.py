"""Background entry points for reports: rendering PDFs ahead of downloads, and publishing."""

from django.utils import timezone

from chanjiao.common.jobs import single_flight_task
from chanjiao.reports.services import report_pdf_prepare, reports_publish, reports_refresh


@single_flight_task()
def publish_reports_task(year: int | None = None) -> int:
    """Render the public yearly reports of every locality (default: last year); return files."""
    return len(reports_publish(year=year or timezone.localdate().year - 1))


@single_flight_task()
def refresh_reports_task() -> int:
    """Render the current yearly report PDFs whose data changed; return the reports checked."""
    return reports_refresh()


@single_flight_task()
def render_report_pdf_task(
    kind: str, locality_id: int, year: int, version: str, quarter: int | None = None
) -> int:
    """Render and store one report's PDF a download asked for; return its size in bytes.

    ``version`` is resolved (``public`` or ``internal``); enqueue with the keyword arguments of
    ``services.report_pdf_job`` so that a second download of the same report joins this job.
    """
    return report_pdf_prepare(
        kind=kind, locality_id=locality_id, year=year, version=version, quarter=quarter
    )
