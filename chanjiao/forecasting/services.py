"""Compute and store talent-demand forecasts for a locality (occupation groups and industries)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.users import account_or_none
from chanjiao.forecasting.backtest import Backtest, backtest_series
from chanjiao.forecasting.history import (
    INDUSTRY_SOURCE,
    OCCUPATION_SOURCE,
    SeriesHistory,
    industry_history,
    occupation_group_history,
)
from chanjiao.forecasting.methods import MethodForecast, method_forecast
from chanjiao.forecasting.models import (
    ForecastLevel,
    ForecastPoint,
    ForecastRun,
    ForecastSeries,
)
from chanjiao.forecasting.permissions import user_can_compute_forecasts
from chanjiao.forecasting.shortage import ShortageInput, shortage_ranks_write
from chanjiao.localities.models import Locality

HORIZON = 3
# Fewest consecutive complete years a series needs to be forecast at all (two give one change).
MIN_HISTORY_YEARS = 2
# Counts below this are suppressed on public views (the platform's small-cell rule).
SMALL_COUNT = 5


@dataclass
class _Computed:
    history: SeriesHistory
    years: list[int]
    values: list[float]
    backtest: Backtest
    forecast: MethodForecast


def complete_years(history: SeriesHistory) -> SeriesHistory:
    """Drop the current year and later ones: a year still running would read as a drop."""
    current = timezone.localdate().year
    return SeriesHistory(
        history.code,
        history.name,
        {y: v for y, v in history.demand.items() if y < current},
        {y: v for y, v in history.supply.items() if y < current},
    )


def _trailing_run(demand: dict[int, float]) -> tuple[list[int], list[float]]:
    """Return the consecutive years ending at the last one (a gap cuts the history)."""
    years = [max(demand)]
    while years[0] - 1 in demand:
        years.insert(0, years[0] - 1)
    return years, [demand[y] for y in years]


def _long_enough(history: SeriesHistory) -> bool:
    return bool(history.demand) and len(_trailing_run(history.demand)[0]) >= MIN_HISTORY_YEARS


def series_compute(history: SeriesHistory, *, horizon: int = HORIZON) -> _Computed:
    """Back-test one series, choose its method and forecast ``horizon`` years."""
    years, values = _trailing_run(history.demand)
    backtest = backtest_series(values, horizon)
    forecast = method_forecast(values, horizon, backtest.chosen)
    return _Computed(history, years, values, backtest, forecast)


def _is_small(history: SeriesHistory) -> bool:
    counts = [*history.demand.values(), *history.supply.values()]
    return bool(counts) and min(counts) < SMALL_COUNT


def _series_write(run: ForecastRun, item: _Computed) -> ForecastSeries:
    series = ForecastSeries.objects.create(
        run=run,
        code=item.history.code,
        name=item.history.name,
        method=item.backtest.chosen,
        history={str(y): v for y, v in zip(item.years, item.values, strict=True)},
        supply_history={str(y): v for y, v in sorted(item.history.supply.items())},
        mase=item.backtest.chosen_mase,
        naive_mase=item.backtest.naive_mase,
        backtest_errors=item.backtest.error_count,
        is_small=_is_small(item.history),
    )
    f = item.forecast
    ForecastPoint.objects.bulk_create(
        ForecastPoint(
            series=series,
            year=run.base_year + h + 1,
            point=f.points[h],
            lower_80=f.lower[80][h],
            upper_80=f.upper[80][h],
            lower_95=f.lower[95][h],
            upper_95=f.upper[95][h],
        )
        for h in range(len(f.points))
    )
    return series


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _run_totals(run: ForecastRun, computed: list[_Computed]) -> None:
    tested = [c.backtest for c in computed if c.backtest.chosen_mase is not None]
    run.series_count = len(computed)
    run.backtested_count = len(tested)
    run.beats_naive_count = sum(1 for b in tested if (b.chosen_mase or 0) < (b.naive_mase or 0))
    run.mase = _mean([b.chosen_mase for b in tested if b.chosen_mase is not None])
    run.naive_mase = _mean([b.naive_mase for b in tested if b.naive_mase is not None])
    run.save()


def forecast_run_create(
    *,
    locality: Locality,
    level: str,
    histories: list[SeriesHistory],
    source: str,
    actor: User | None = None,
    is_demo: bool = False,
    horizon: int = HORIZON,
) -> ForecastRun | None:
    """Forecast every series of one level and store the run; None when there is no history.

    Only series with at least ``MIN_HISTORY_YEARS`` consecutive complete years take part. The
    series are computed (seconds) before the transaction that writes the run opens: on SQLite a
    write transaction holds the database's one write lock, and a long one made every other
    writer — pages, the scheduler — wait past their timeout.
    """
    histories = [h for h in map(complete_years, histories) if _long_enough(h)]
    if not histories:
        return None
    base_year = max(max(h.demand) for h in histories)
    current = [h for h in histories if max(h.demand) == base_year]
    computed = [series_compute(h, horizon=horizon) for h in current]
    with transaction.atomic():
        return _run_write(
            locality=locality, level=level, source=source, base_year=base_year,
            horizon=horizon, actor=actor, is_demo=is_demo, computed=computed,
        )  # fmt: skip


def _run_write(
    *,
    locality: Locality,
    level: str,
    source: str,
    base_year: int,
    horizon: int,
    actor: User | None,
    is_demo: bool,
    computed: list[_Computed],
) -> ForecastRun:
    run = ForecastRun.objects.create(
        locality=locality,
        level=level,
        source=source,
        base_year=base_year,
        horizon=horizon,
        created_by=account_or_none(actor),
        is_demo=is_demo,
    )
    written = [(item, _series_write(run, item)) for item in computed]
    _run_totals(run, computed)
    if level == ForecastLevel.OCCUPATION_GROUP:
        shortage_ranks_write(
            run=run,
            items=[
                ShortageInput(
                    s,
                    i.values,
                    i.backtest.chosen,
                    i.forecast.points[0],
                    i.history.supply,
                    i.backtest.origin_forecasts.get(i.backtest.chosen, {}).get(len(i.values) - 1),
                )
                for i, s in written
            ],
        )
    audit_event_record(
        actor=run.created_by,
        action="forecast.compute",
        target=run,
        changes={"level": level, "series": run.series_count, "base_year": base_year},
    )
    return run


_SOURCES: tuple[tuple[str, Callable[..., list[SeriesHistory]], str], ...] = (
    (ForecastLevel.OCCUPATION_GROUP, occupation_group_history, OCCUPATION_SOURCE),
    (ForecastLevel.INDUSTRY, industry_history, INDUSTRY_SOURCE),
)


def forecasts_compute(
    *, locality: Locality, actor: User | None = None, is_demo: bool = False
) -> list[ForecastRun]:
    """Compute fresh forecasts of every level for the locality; return the runs written."""
    runs = []
    for level, reader, source in _SOURCES:
        run = forecast_run_create(
            locality=locality,
            level=level,
            histories=reader(region=locality.region),
            source=source,
            actor=actor,
            is_demo=is_demo,
        )
        if run is not None:
            runs.append(run)
    return runs


def forecasts_compute_request(*, locality: Locality, actor: User) -> None:
    """Queue a recomputation for the locality; only its officers and platform staff may."""
    from chanjiao.forecasting.tasks import compute_forecasts_task  # tasks imports this module

    if not user_can_compute_forecasts(actor, locality):
        raise PermissionDeniedError(
            "只有本地区的政府管理员、审核员或平台运维人员可以重新计算预测。"
        )
    audit_event_record(actor=actor, action="forecast.request", target=locality)
    transaction.on_commit(lambda: compute_forecasts_task.enqueue(locality.pk))
