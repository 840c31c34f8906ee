"""Shortage occupations (紧缺职业): occupation groups ranked by their forecast 求人倍率.

The forecast 求人倍率 of a group for year T+1 is its forecast demand for T+1 divided by its job
seekers in T (the latest known supply, held flat). Groups whose ratio exceeds the locality's
threshold (policy parameter ``shortage-vacancy-ratio-above``; 1.0 — more openings than job
seekers, the 人社 reading of 求人倍率 — when the locality sets none) are shortage occupations.
The previous period's rank is the same ranking made one year earlier: demand for T forecast
from the history up to T−1 with the same method, over the job seekers of T−1.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from chanjiao.forecasting.methods import MIN_LENGTH, method_forecast
from chanjiao.forecasting.models import ForecastRun, ForecastSeries, ShortageRank
from chanjiao.localities.models import PolicyParameter

THRESHOLD_KEY = "shortage-vacancy-ratio-above"
DEFAULT_THRESHOLD = Decimal("1")


@dataclass(frozen=True)
class ShortageInput:
    """What the ranking needs of one occupation group."""

    series: ForecastSeries
    values: Sequence[float]
    method: str
    next_demand: float
    supply: dict[int, float]
    # The back-test's forecast from the year before (saves refitting), when it made one.
    previous_forecast: list[float] | None = None


def shortage_threshold(*, locality_id: int) -> float:
    """Return the locality's 求人倍率 threshold for a shortage occupation."""
    parameter = PolicyParameter.objects.filter(locality_id=locality_id, key=THRESHOLD_KEY).first()
    return float(parameter.value if parameter is not None else DEFAULT_THRESHOLD)


def _rank(ratios: dict[str, float]) -> dict[str, int]:
    """Rank by ratio, highest first; ties broken by code so ranks are reproducible."""
    ordered = sorted(ratios, key=lambda code: (-ratios[code], code))
    return {code: position for position, code in enumerate(ordered, start=1)}


def _previous_ratio(item: ShortageInput, base_year: int) -> float | None:
    supply = item.supply.get(base_year - 1)
    earlier = list(item.values[:-1])
    if not supply or len(earlier) < MIN_LENGTH[item.method]:
        return None
    if item.previous_forecast:
        return item.previous_forecast[0] / supply
    return method_forecast(earlier, 1, item.method).points[0] / supply


def shortage_ranks_write(*, run: ForecastRun, items: list[ShortageInput]) -> list[ShortageRank]:
    """Rank the run's occupation groups by forecast 求人倍率 and store ranks with last period's."""
    threshold = shortage_threshold(locality_id=run.locality_id)
    run.shortage_threshold = threshold
    run.save(update_fields=["shortage_threshold"])
    usable = {i.series.code: i for i in items if i.supply.get(run.base_year)}
    ratios = {c: i.next_demand / i.supply[run.base_year] for c, i in usable.items()}
    previous = {
        c: r for c, i in usable.items() if (r := _previous_ratio(i, run.base_year)) is not None
    }
    ranks, previous_ranks = _rank(ratios), _rank(previous)
    return ShortageRank.objects.bulk_create(
        ShortageRank(
            run=run,
            series=usable[code].series,
            year=run.base_year + 1,
            demand=usable[code].next_demand,
            supply=usable[code].supply[run.base_year],
            ratio=ratios[code],
            rank=rank,
            previous_rank=previous_ranks.get(code),
            is_shortage=ratios[code] > threshold,
        )
        for code, rank in sorted(ranks.items(), key=lambda pair: pair[1])
    )
