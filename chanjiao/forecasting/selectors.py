"""Reads of stored forecasts, shaped for pages, the API and reports (suppressed when public)."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from chanjiao.accounts.models import User
from chanjiao.forecasting.explanations import plain_method_label
from chanjiao.forecasting.models import (
    ForecastLevel,
    ForecastMethod,
    ForecastPoint,
    ForecastRun,
    ForecastSeries,
    ShortageRank,
)
from chanjiao.forecasting.permissions import user_sees_small_counts
from chanjiao.localities.models import Locality


@dataclass(frozen=True)
class PointView:
    year: int
    point: float | None
    lower_80: float | None
    upper_80: float | None
    lower_95: float | None
    upper_95: float | None


@dataclass(frozen=True)
class SeriesView:
    code: str
    name: str
    method: str
    method_label: str
    history: list[tuple[int, float | None]]
    points: list[PointView]
    mase: float | None
    naive_mase: float | None
    backtest_errors: int
    suppressed: bool

    @property
    def beats_naive(self) -> bool | None:
        if self.mase is None or self.naive_mase is None:
            return None
        return self.mase < self.naive_mase

    @property
    def plain_method_label(self) -> str:
        """The chosen method in plain words (for public pages), short histories flagged."""
        return plain_method_label(self.method, years=len(self.history))


@dataclass(frozen=True)
class ShortageView:
    rank: int
    previous_rank: int | None
    rank_change: int | None
    code: str
    name: str
    year: int
    demand: float | None
    supply: float | None
    ratio: float | None
    is_shortage: bool
    suppressed: bool


@dataclass
class ForecastView:
    """The latest run of one level for a locality, as the acting user may see it."""

    locality: Locality
    level: str
    run: ForecastRun | None
    is_public: bool
    series: list[SeriesView] = field(default_factory=list)
    shortage: list[ShortageView] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return str(ForecastLevel(self.level).label)


def forecast_run_latest(*, locality: Locality, level: str) -> ForecastRun | None:
    """Return the locality's most recent run of this level, or None."""
    return (
        ForecastRun.objects.filter(locality=locality, level=level)
        .order_by("-created_at", "-pk")
        .first()
    )


def _series_view(series: ForecastSeries, hide: bool) -> SeriesView:
    def shown(value: float | None) -> float | None:
        return None if hide else value

    return SeriesView(
        code=series.code,
        name=series.name,
        method=series.method,
        method_label=str(ForecastMethod(series.method).label),
        history=[(int(y), shown(v)) for y, v in sorted(series.history.items())],
        points=[
            PointView(
                p.year,
                shown(p.point),
                shown(p.lower_80),
                shown(p.upper_80),
                shown(p.lower_95),
                shown(p.upper_95),
            )
            for p in series.points.all()
        ],
        mase=series.mase,
        naive_mase=series.naive_mase,
        backtest_errors=series.backtest_errors,
        suppressed=hide,
    )


def _shortage_view(rank: ShortageRank, hide: bool) -> ShortageView:
    return ShortageView(
        rank=rank.rank,
        previous_rank=rank.previous_rank,
        rank_change=rank.rank_change,
        code=rank.series.code,
        name=rank.series.name,
        year=rank.year,
        demand=None if hide else rank.demand,
        supply=None if hide else rank.supply,
        ratio=None if hide else rank.ratio,
        is_shortage=rank.is_shortage,
        suppressed=hide,
    )


def forecast_view(
    *,
    locality: Locality,
    level: str,
    fetched_by: User | AnonymousUser | None,
    is_public: bool | None = None,
) -> ForecastView:
    """Return the latest forecasts of one level, small series suppressed for the public.

    ``is_public`` overrides the user's own rights (a public report suppresses for everyone).
    """
    run = forecast_run_latest(locality=locality, level=level)
    if is_public is None:
        is_public = not user_sees_small_counts(fetched_by, locality)
    view = ForecastView(locality=locality, level=level, run=run, is_public=is_public)
    if run is None:
        return view
    series = run.series.order_by("code").prefetch_related(
        Prefetch("points", queryset=ForecastPoint.objects.order_by("year"))
    )
    view.series = [_series_view(s, is_public and s.is_small) for s in series]
    ranks = run.shortage_ranks.select_related("series").order_by("rank")
    view.shortage = [_shortage_view(r, is_public and r.series.is_small) for r in ranks]
    return view


def forecast_series_get(*, view: ForecastView, code: str) -> SeriesView | None:
    """Return one series of a forecast view by code, or None."""
    return next((s for s in view.series if s.code == code), None)


def forecast_series_shown(*, view: ForecastView, code: str = "") -> SeriesView | None:
    """Return the series the forecast page charts: the one asked for, else the first shown."""
    return forecast_series_get(view=view, code=code) or next(
        (s for s in view.series if not s.suppressed), None
    )


@dataclass(frozen=True)
class LocalityForecastRow:
    locality: Locality
    latest: ForecastRun | None


def localities_with_forecasts() -> list[LocalityForecastRow]:
    """Return every locality with its most recent forecast run of any level (public)."""
    rows = []
    for locality in Locality.objects.select_related("region").order_by("region__code", "pk"):
        latest = (
            ForecastRun.objects.filter(locality=locality).order_by("-created_at", "-pk").first()
        )
        rows.append(LocalityForecastRow(locality, latest))
    return rows
