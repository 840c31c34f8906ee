"""Forecast methods and the rolling-origin back-test on known series."""

import math

import pytest

from chanjiao.forecasting.backtest import backtest_series, mase, mase_scale
from chanjiao.forecasting.methods import drift_forecast, method_forecast, naive_forecast


def test_linear_trend_is_followed_and_intervals_widen():
    values = [100 + 10 * i + (2 if i % 2 else -2) for i in range(10)]  # 98, 112, 118, ...

    backtest = backtest_series(values, 3)
    forecast = method_forecast(values, 3, backtest.chosen)

    assert backtest.chosen != "naive"
    assert backtest.chosen_mase < backtest.naive_mase
    for h, point in enumerate(forecast.points, start=1):
        assert point == pytest.approx(100 + 10 * (9 + h), abs=8)
    widths95 = [u - lo for u, lo in zip(forecast.upper[95], forecast.lower[95], strict=True)]
    widths80 = [u - lo for u, lo in zip(forecast.upper[80], forecast.lower[80], strict=True)]
    assert widths95 == sorted(widths95)
    assert all(w95 > w80 for w95, w80 in zip(widths95, widths80, strict=True))


def test_drift_intervals_widen_strictly_with_horizon():
    forecast = drift_forecast([10, 14, 15, 21, 24, 27], 3)

    assert forecast.points == pytest.approx([30.4, 33.8, 37.2])
    widths = [u - lo for u, lo in zip(forecast.upper[80], forecast.lower[80], strict=True)]
    assert widths[0] < widths[1] < widths[2]


def test_naive_repeats_last_value_with_sqrt_h_intervals():
    forecast = naive_forecast([10, 12, 11, 15, 14], 2)

    # One-step changes 2, -1, 4, -1 → sigma = sqrt((4 + 1 + 16 + 1) / 4) = sqrt(5.5)
    sigma = math.sqrt(5.5)
    assert forecast.points == [14.0, 14.0]
    assert forecast.upper[95][0] == pytest.approx(14 + 1.959964 * sigma, rel=1e-5)
    assert forecast.upper[95][1] == pytest.approx(14 + 1.959964 * sigma * math.sqrt(2), rel=1e-5)


def test_mase_matches_a_hand_checked_naive_example():
    values = [10, 12, 11, 15, 14]
    # Scale: mean |change| = (2 + 1 + 4 + 1) / 4 = 2.
    assert mase_scale(values) == 2.0
    # Naive from origin 3 (10, 12, 11 known): predicts 11, 11 for 15, 14 → errors 4, 3;
    # from origin 4: predicts 15 for 14 → error 1.  Mean error 8 / 3, MASE = 4 / 3.
    backtest = backtest_series(values, 2)
    assert backtest.naive_mase == pytest.approx(4 / 3)
    assert backtest.error_count == 3
    assert mase([15, 14, 14], [11, 11, 15], 2.0) == pytest.approx(4 / 3)


def test_short_series_falls_back_to_naive_without_backtest():
    backtest = backtest_series([40, 42], 3)

    assert backtest.chosen == "naive"
    assert backtest.chosen_mase is None


def test_counts_are_never_forecast_below_zero():
    forecast = drift_forecast([50, 30, 12, 5], 3)

    assert forecast.points[-1] == 0.0
    assert all(v >= 0 for v in forecast.lower[95])


def test_two_year_naive_interval_is_wide_even_without_change():
    forecast = naive_forecast([400, 400], 2)

    # No change at all: sigma falls back to the counting error sqrt(400) = 20, and the one
    # estimated change gives Student's t with 1 degree of freedom (80%: 3.078).
    assert forecast.points == [400.0, 400.0]
    assert forecast.upper[80][0] == pytest.approx(400 + 3.0777 * 20, rel=1e-4)
    assert forecast.upper[80][1] == pytest.approx(400 + 3.0777 * 20 * math.sqrt(2), rel=1e-4)
    assert forecast.lower[95][0] == pytest.approx(400 - 12.7062 * 20, rel=1e-4)
