"""Background entry points for reports: publishing every locality's public yearly report."""

from django.utils import timezone
from django_tasks import task

from chanjiao.reports.services import reports_publish, reports_refresh


@task()
def publish_reports_task(year: int | None = None) -> int:
    """Render the public yearly reports of every locality (default: last year); return files."""
    return len(reports_publish(year=year or timezone.localdate().year - 1))


@task()
def refresh_reports_task() -> int:
    """Render the current yearly report PDFs whose data changed; return the reports checked."""
    return reports_refresh()
