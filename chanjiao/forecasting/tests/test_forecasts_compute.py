"""forecasts_compute: runs, back-test figures, shortage ranks, the command and the task."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from chanjiao.forecasting.models import ForecastRun, ForecastSeries, ShortageRank
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.forecasting.tasks import compute_forecasts_task
from chanjiao.forecasting.tests.factories import WELDER, labor_rows
from chanjiao.localities.models import PolicyParameter


@pytest.mark.django_db
def test_stores_series_points_and_backtest_figures(wuzhou_locality, labor_history):
    runs = forecasts_compute(locality=wuzhou_locality)

    run = ForecastRun.objects.get(level="occupation_group")
    assert [r.pk for r in runs] == [run.pk]
    assert (run.base_year, run.horizon, run.series_count) == (2025, 3, 3)
    welders = ForecastSeries.objects.get(run=run, code="6-18-00-00")
    assert welders.name == "机械制造基础加工人员"
    assert welders.history["2016"] == 193.0
    assert welders.history["2025"] == 477.0
    assert [p.year for p in welders.points.order_by("year")] == [2026, 2027, 2028]
    first = welders.points.get(year=2026)
    assert first.lower_95 < first.lower_80 < first.point < first.upper_80 < first.upper_95
    assert welders.method != "naive"
    assert welders.mase < welders.naive_mase
    tested = ForecastSeries.objects.filter(run=run, mase__isnull=False)
    assert run.backtested_count == tested.count() == 3
    assert run.beats_naive_count == sum(1 for s in tested if s.mase < s.naive_mase)
    assert run.mase == pytest.approx(sum(s.mase for s in tested) / 3)
    assert ForecastSeries.objects.get(run=run, code="2-05-00-00").is_small is True


@pytest.mark.django_db
def test_ranks_shortage_by_forecast_vacancy_ratio(wuzhou_locality, labor_history):
    forecasts_compute(locality=wuzhou_locality)

    ranks = list(ShortageRank.objects.order_by("rank").select_related("series"))
    # 焊工 group: ~500 openings for 250 seekers (≈2.0); 护理 group: ~4 for 2; sales ~400 for 500.
    assert [r.series.code for r in ranks] == ["6-18-00-00", "2-05-00-00", "4-01-00-00"]
    assert [r.is_shortage for r in ranks] == [True, True, False]
    welders = ranks[0]
    assert welders.ratio == pytest.approx(welders.demand / 250)
    assert welders.previous_rank is not None
    assert welders.rank_change == welders.previous_rank - welders.rank


@pytest.mark.django_db
def test_rank_change_follows_a_group_overtaking_another(wuzhou_locality, labor_history):
    # A fourth group whose openings jump in 2025 only: last period it ranked below welders.
    jump = dict.fromkeys(range(2016, 2025), 100) | {2025: 1000}
    labor_rows(labor_history, "6-23-01-01", jump, dict.fromkeys(range(2016, 2026), 100))
    forecasts_compute(locality=wuzhou_locality)

    jumper = ShortageRank.objects.get(series__code__startswith="6-23")
    assert jumper.rank == 1
    assert jumper.previous_rank > 1
    assert jumper.rank_change == jumper.previous_rank - 1 > 0


@pytest.mark.django_db
def test_threshold_comes_from_locality_parameter(wuzhou_locality, labor_history):
    PolicyParameter.objects.create(
        locality=wuzhou_locality,
        key="shortage-vacancy-ratio-above",
        label="紧缺职业求人倍率",
        comparison="gte",
        value=3,
        clause="测试",
    )
    forecasts_compute(locality=wuzhou_locality)

    assert ForecastRun.objects.get(level="occupation_group").shortage_threshold == 3.0
    assert not ShortageRank.objects.filter(is_shortage=True).exists()


@pytest.mark.django_db
def test_command_prints_backtest_figures(wuzhou_locality, labor_history):
    out = StringIO()
    call_command("forecast_demand", "--locality", "梧州市", stdout=out)

    text = out.getvalue()
    run = ForecastRun.objects.get(level="occupation_group")
    assert "梧州市 职业中类：3 条序列" in text
    assert f"所选方法 {run.mase:.3f}" in text
    assert f"{run.beats_naive_count}/3 条序列优于朴素法" in text


@pytest.mark.django_db
def test_command_rejects_unknown_locality(localities):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="未找到地区“火星市”"):
        call_command("forecast_demand", "--locality", "火星市")
    assert not ForecastRun.objects.exists()


@pytest.mark.django_db
def test_task_recomputes_and_keeps_history_of_runs(wuzhou_locality, labor_history):
    compute_forecasts_task.enqueue(wuzhou_locality.pk)
    compute_forecasts_task.enqueue(wuzhou_locality.pk)

    assert ForecastRun.objects.filter(level="occupation_group").count() == 2


@pytest.mark.django_db
def test_industry_forecasts_use_count_tables_and_skip_the_running_year(wuzhou_locality):
    from chanjiao.analytics.models import DemandCount

    for year, openings in ((2022, 100), (2023, 130), (2024, 150), (2025, 190), (2026, 20)):
        DemandCount.objects.create(
            region=wuzhou_locality.region,
            year=year,
            source="listings",
            industry_code="1530",
            occupation_code="6-18-02-04",
            openings=openings,
            postings=10,
        )
    with time_machine.travel("2026-06-01 12:00:00+08:00", tick=False):
        forecasts_compute(locality=wuzhou_locality)

    run = ForecastRun.objects.get(level="industry")
    series = ForecastSeries.objects.get(run=run)
    assert (series.code, series.name) == ("C", "制造业")
    assert run.base_year == 2025
    assert series.history == {"2022": 100.0, "2023": 130.0, "2024": 150.0, "2025": 190.0}
    assert [p.year for p in series.points.order_by("year")] == [2026, 2027, 2028]
    assert not ShortageRank.objects.filter(run=run).exists()


def _listing_demand(region, openings_by_year: dict[int, int], industry: str = "1530") -> None:
    from chanjiao.analytics.models import DemandCount

    for year, openings in openings_by_year.items():
        DemandCount.objects.create(
            region=region,
            year=year,
            source="listings",
            industry_code=industry,
            occupation_code=WELDER,
            openings=openings,
            postings=10,
        )


@pytest.mark.django_db
def test_industry_forecast_runs_on_two_complete_years_with_a_wide_interval(wuzhou_locality):
    _listing_demand(wuzhou_locality.region, {2024: 100, 2025: 110, 2026: 30})
    with time_machine.travel("2026-06-01 12:00:00+08:00", tick=False):
        forecasts_compute(locality=wuzhou_locality)

    run = ForecastRun.objects.get(level="industry")
    series = ForecastSeries.objects.get(run=run)
    first = series.points.get(year=2026)
    assert (run.base_year, series.method, series.mase) == (2025, "naive", None)
    assert first.point == 110.0
    # One change of 10, below the counting error sqrt(110), which stands in; t with 1 df.
    assert first.upper_80 - first.point == pytest.approx(3.0777 * 10.488, rel=1e-3)
    assert first.lower_95 == 0.0


@pytest.mark.django_db
def test_a_single_complete_year_is_not_forecast(wuzhou_locality):
    # The running year does not count: 2025 alone is one year of history.
    _listing_demand(wuzhou_locality.region, {2025: 110, 2026: 30})
    with time_machine.travel("2026-06-01 12:00:00+08:00", tick=False):
        runs = forecasts_compute(locality=wuzhou_locality)

    assert runs == []


@pytest.mark.django_db
def test_major_group_totals_are_never_forecast_or_ranked(wuzhou_locality):
    region = wuzhou_locality.region
    years = range(2022, 2026)
    labor_rows(region, WELDER, dict.fromkeys(years, 200), dict.fromkeys(years, 100))
    # The 人社 table's 大类 subtotal row, which holds the welders again.
    labor_rows(region, "6-00-00-00", dict.fromkeys(years, 900), dict.fromkeys(years, 300))
    forecasts_compute(locality=wuzhou_locality)

    run = ForecastRun.objects.get(level="occupation_group")
    assert list(run.series.values_list("code", "history")) == [
        ("6-18-00-00", {str(y): 200.0 for y in years})
    ]
    assert list(ShortageRank.objects.values_list("series__code", flat=True)) == ["6-18-00-00"]


@pytest.mark.django_db
def test_series_are_computed_before_the_write_transaction_opens(
    wuzhou_locality, labor_history, monkeypatch
):
    from django.db import connection

    from chanjiao.forecasting import services

    outside = len(connection.atomic_blocks)  # the test's own transaction
    depths = []
    compute = services.series_compute

    def recording(history, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return compute(history, **kwargs)

    monkeypatch.setattr(services, "series_compute", recording)

    forecasts_compute(locality=wuzhou_locality)

    assert len(depths) == 3
    assert set(depths) == {outside}  # no transaction (no SQLite write lock) held meanwhile
    assert ForecastRun.objects.get(level="occupation_group").series_count == 3
