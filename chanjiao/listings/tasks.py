"""Background entry points for supply and demand items."""

from django_tasks import task

from chanjiao.common.jobs import single_flight_task
from chanjiao.listings.export_jobs import export_job_run
from chanjiao.listings.services import listings_advance


@task()
def advance_listings_task() -> dict[str, int]:
    """Publish approved items whose start date has come; expire those past their end date."""
    return listings_advance()


@single_flight_task()
def export_job_run_task(job_id: int) -> str:
    """Write a large export's file (``chanjiao.listings.export_jobs``); return its state."""
    return str(export_job_run(job_id=job_id).status)
