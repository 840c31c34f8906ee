"""Rolling-origin back-test: MASE of each candidate method, the naive benchmark, the choice.

From every origin t (the first ``t`` years known) each method forecasts up to ``horizon``
years ahead and is compared with what happened. MASE = mean absolute error divided by the
mean absolute one-year change over the whole history (the in-sample naive one-step error),
so the naive method's MASE is the benchmark every other method has to beat.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from chanjiao.forecasting.methods import MIN_LENGTH, candidate_methods, method_forecast

# Each series keeps at least this many origins, or fewer methods take part.
MIN_ORIGINS = 2
_TOLERANCE = 1e-9


@dataclass
class Backtest:
    """The outcome of the back-test of one series."""

    chosen: str
    mase: dict[str, float] = field(default_factory=dict)
    error_count: int = 0
    origin_forecasts: dict[str, dict[int, list[float]]] = field(default_factory=dict)

    @property
    def chosen_mase(self) -> float | None:
        return self.mase.get(self.chosen)

    @property
    def naive_mase(self) -> float | None:
        return self.mase.get("naive")


def mase_scale(values: Sequence[float]) -> float:
    """Return the mean absolute one-step change (the naive in-sample MAE)."""
    y = np.asarray(values, dtype=float)
    return float(np.mean(np.abs(np.diff(y)))) if len(y) > 1 else 0.0


def mase(actual: Sequence[float], predicted: Sequence[float], scale: float) -> float:
    """Return the mean absolute error divided by ``scale``."""
    errors = np.abs(np.asarray(actual, dtype=float) - np.asarray(predicted, dtype=float))
    return float(np.mean(errors) / scale)


def _methods_and_start(length: int) -> tuple[list[str], int]:
    methods = candidate_methods(length - MIN_ORIGINS)
    start = max([2, *(MIN_LENGTH[m] for m in methods)])
    return methods, start


def _run_method(
    values: np.ndarray, method: str, start: int, horizon: int
) -> tuple[list[float], list[float], dict[int, list[float]]]:
    actual: list[float] = []
    predicted: list[float] = []
    by_origin: dict[int, list[float]] = {}
    for origin in range(start, len(values)):
        steps = min(horizon, len(values) - origin)
        forecast = method_forecast(values[:origin].tolist(), steps, method)
        by_origin[origin] = forecast.points
        actual.extend(values[origin : origin + steps])
        predicted.extend(forecast.points)
    return actual, predicted, by_origin


def backtest_series(values: Sequence[float], horizon: int) -> Backtest:
    """Back-test every method the series is long enough for and choose the lowest MASE."""
    y = np.asarray(values, dtype=float)
    methods, start = _methods_and_start(len(y))
    scale = mase_scale(values)
    if not methods or start >= len(y) or scale == 0:
        return Backtest(chosen="naive")
    result = Backtest(chosen="naive")
    for method in methods:
        try:
            actual, predicted, by_origin = _run_method(y, method, start, horizon)
        except (ValueError, np.linalg.LinAlgError):
            continue
        result.mase[method] = mase(actual, predicted, scale)
        result.origin_forecasts[method] = by_origin
        result.error_count = len(actual)
    # Methods are tried simplest first, so a tie keeps the simpler one.
    best = min(result.mase.values())
    result.chosen = next(m for m in result.mase if result.mase[m] <= best + _TOLERANCE)
    return result
