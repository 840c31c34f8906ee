"""Forecasting methods on one yearly series: naive, drift and statsmodels ETS, with intervals.

Pure numerics (no database). Every method returns point forecasts for h = 1..horizon and
80% / 95% prediction intervals; negative values are clipped at 0 because counts cannot be.
"""

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm, t
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

LEVELS = (80, 95)
# Fewest observations each method needs to be fitted at all.
MIN_LENGTH = {"naive": 1, "drift": 3, "ets_simple": 5, "ets_holt": 6, "ets_damped": 6}
# Below this many years the spread rests on a single one-year change (see ``naive_forecast``).
SHORT_SERIES = 3


@dataclass(frozen=True)
class MethodForecast:
    """Point forecasts and interval bounds for h = 1..horizon (bounds None when unknown)."""

    method: str
    points: list[float]
    lower: dict[int, list[float | None]]
    upper: dict[int, list[float | None]]


def _z(level: int, df: int | None = None) -> float:
    """The two-sided quantile of a ``level``% interval: normal, or Student's t with ``df``."""
    if df is not None:
        return float(t.ppf(0.5 + level / 200, df))
    return float(norm.ppf(0.5 + level / 200))


def _normal_bounds(
    method: str, points: np.ndarray, sigmas: np.ndarray | None, df: int | None = None
) -> MethodForecast:
    lower: dict[int, list[float | None]] = {}
    upper: dict[int, list[float | None]] = {}
    for level in LEVELS:
        if sigmas is None:
            lower[level] = [None] * len(points)
            upper[level] = [None] * len(points)
            continue
        z = _z(level, df)
        lower[level] = [max(0.0, float(v)) for v in points - z * sigmas]
        upper[level] = [max(0.0, float(v)) for v in points + z * sigmas]
    return MethodForecast(method, [max(0.0, float(v)) for v in points], lower, upper)


def naive_forecast(values: Sequence[float], horizon: int) -> MethodForecast:
    """Repeat the last value; sigma_h = sigma * sqrt(h) from the one-step changes.

    A series shorter than ``SHORT_SERIES`` has one change to estimate sigma from: its interval
    uses Student's t with one degree of freedom per change, and sigma is at least
    sqrt(last value) (the counting error of a count), so two equal years do not read as
    certainty. One year alone gets no interval.
    """
    y = np.asarray(values, dtype=float)
    points = np.full(horizon, y[-1])
    if len(y) < 2:
        return _normal_bounds("naive", points, None)
    sigma = float(np.sqrt(np.mean(np.diff(y) ** 2)))
    steps = np.sqrt(np.arange(1, horizon + 1))
    if len(y) < SHORT_SERIES:
        sigma = max(sigma, float(np.sqrt(max(y[-1], 0.0))))
        return _normal_bounds("naive", points, sigma * steps, df=len(y) - 1)
    return _normal_bounds("naive", points, sigma * steps)


def drift_forecast(values: Sequence[float], horizon: int) -> MethodForecast:
    """Extend the average yearly change; intervals as in Hyndman & Athanasopoulos, FPP §5.5."""
    y = np.asarray(values, dtype=float)
    n = len(y)
    slope = (y[-1] - y[0]) / (n - 1)
    h = np.arange(1, horizon + 1)
    residuals = np.diff(y) - slope
    sigma = float(np.sqrt(np.sum(residuals**2) / max(n - 2, 1)))
    return _normal_bounds("drift", y[-1] + h * slope, sigma * np.sqrt(h * (1 + h / (n - 1))))


_ETS_SPECS: dict[str, dict[str, Any]] = {
    "ets_simple": {"trend": None, "damped_trend": False},
    "ets_holt": {"trend": "add", "damped_trend": False},
    "ets_damped": {"trend": "add", "damped_trend": True},
}


def ets_forecast(values: Sequence[float], horizon: int, method: str) -> MethodForecast:
    """Fit a statsmodels ETSModel with additive errors; exact state-space intervals."""
    y = np.asarray(values, dtype=float)
    series = pd.Series(y, index=pd.period_range("2000", periods=len(y), freq="Y"))
    with warnings.catch_warnings():
        # Short yearly series often stop the optimiser early; the back-test judges the result.
        warnings.simplefilter("ignore")
        model = ETSModel(series, error="add", **_ETS_SPECS[method])
        fitted = model.fit(disp=False)
        prediction = fitted.get_prediction(start=len(y), end=len(y) + horizon - 1)
        frames = {level: prediction.summary_frame(alpha=1 - level / 100) for level in LEVELS}
    points = frames[LEVELS[0]]["mean"].to_numpy()
    if not np.all(np.isfinite(points)):
        raise ValueError("non-finite forecast")
    lower: dict[int, list[float | None]] = {
        lv: [max(0.0, float(v)) for v in f["pi_lower"]] for lv, f in frames.items()
    }
    upper: dict[int, list[float | None]] = {
        lv: [max(0.0, float(v)) for v in f["pi_upper"]] for lv, f in frames.items()
    }
    return MethodForecast(method, [max(0.0, float(v)) for v in points], lower, upper)


def method_forecast(values: Sequence[float], horizon: int, method: str) -> MethodForecast:
    """Forecast with the named method."""
    functions: dict[str, Callable[[Sequence[float], int], MethodForecast]] = {
        "naive": naive_forecast,
        "drift": drift_forecast,
    }
    if method in functions:
        return functions[method](values, horizon)
    return ets_forecast(values, horizon, method)


def candidate_methods(length: int) -> list[str]:
    """Return the methods that can be fitted to a series of this length, simplest first."""
    return [method for method, needed in MIN_LENGTH.items() if length >= needed]
