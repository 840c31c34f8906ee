"""Background entry points for talent-demand forecasts (long jobs: one at a time per locality)."""

from chanjiao.common.jobs import job_pending, single_flight_task
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.localities.models import Locality


@single_flight_task()
def compute_forecasts_task(locality_id: int) -> dict[str, int]:
    """Recompute the forecasts of one locality; return the number of series per level."""
    locality = Locality.objects.select_related("region").get(pk=locality_id)
    return {run.level: run.series_count for run in forecasts_compute(locality=locality)}


@single_flight_task()
def compute_all_forecasts_task() -> dict[str, int]:
    """Recompute the forecasts of every locality (the yearly/monthly schedule)."""
    counts: dict[str, int] = {}
    for locality in Locality.objects.select_related("region").order_by("pk"):
        counts[locality.name] = sum(r.series_count for r in forecasts_compute(locality=locality))
    return counts


def forecasts_pending(locality: Locality) -> bool:
    """Whether a recomputation of the locality's forecasts is queued or running now."""
    return (
        job_pending(compute_forecasts_task, locality.pk) is not None
        or job_pending(compute_all_forecasts_task) is not None
    )
