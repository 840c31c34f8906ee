"""Demonstration: forecasts of the demo locality from the statistics demo's 人社 history."""

from django.db import transaction

from chanjiao.forecasting.models import ForecastRun, ForecastSeries, ShortageRank
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.localities.models import Locality


@transaction.atomic
def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Replace the locality's demo forecasts with fresh ones; idempotent.

    The history comes from the statistics demo (same seed); the forecasts are deterministic
    from it, so ``seed`` needs no use here. Run after the statistics and analytics demos.
    """
    ForecastRun.objects.filter(locality=locality, is_demo=True).delete()
    runs = forecasts_compute(locality=locality, is_demo=True)
    return {
        "forecast_runs": len(runs),
        "forecast_series": ForecastSeries.objects.filter(run__in=runs).count(),
        "shortage_occupations": ShortageRank.objects.filter(run__in=runs, is_shortage=True).count(),
    }


@transaction.atomic
def demo_remove() -> int:
    """Delete every demo forecast run (with its series, points and ranks); return the count."""
    return ForecastRun.objects.filter(is_demo=True).delete()[0]
