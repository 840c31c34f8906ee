"""Background entry points for reports: publishing every locality's public yearly report."""

from django.utils import timezone
from django_tasks import task


@task()
def publish_reports_task(year: int | None = None) -> int:
    """Render the public yearly reports of every locality (default: last year); return files."""
    from chanjiao.reports.services import reports_publish

    return len(reports_publish(year=year or timezone.localdate().year - 1))
