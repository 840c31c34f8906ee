"""Load, once in gunicorn's master process, what the first request of each kind would load.

With ``preload_app`` the workers are forked after this ran: the first request on any worker is as
fast as the second, and the loaded code and tables are shared between workers (copy-on-write,
helped by ``gc.freeze``) instead of each worker building its own copy.
"""

import gc
import importlib
import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, connections

logger = logging.getLogger("chanjiao.warmup")

# Heavy libraries the pages import on demand: charts, forecasts, the classifier. Not WeasyPrint:
# PDFs are rendered by the task worker (reports.tasks), never in a web request, so the web workers
# need not carry it.
HEAVY_MODULES = (
    "matplotlib.figure",
    "sklearn.feature_extraction.text",
    "statsmodels.tsa.exponential_smoothing.ets",
    "pandas",
)


def _resolve_urls() -> None:
    from django.urls import get_resolver

    # Every URLconf, hence every view module and what it imports.
    get_resolver().url_patterns  # noqa: B018


def _templates() -> None:
    from django.template.loader import get_template

    for name in ("base.html", "web/home.html"):
        get_template(name)


def _search_lexicon() -> None:
    from chanjiao.search.text import lexicon

    lexicon()


def _classifier() -> None:
    from chanjiao.crosswalk.classifier import classifier_model

    classifier_model()


def _public_charts() -> None:
    """Draw each locality's public dashboard and forecast charts into the shared chart cache."""
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.forecasting.charts import series_chart
    from chanjiao.forecasting.models import ForecastLevel
    from chanjiao.forecasting.selectors import forecast_series_shown, forecast_view
    from chanjiao.localities.models import Locality
    from chanjiao.reports.generators import yearly_charts
    from chanjiao.reports.selectors import report_data, report_year_choice

    visitor = AnonymousUser()
    for locality in Locality.objects.select_related("region"):
        choice = report_year_choice(locality=locality)
        if choice.has_data:
            data = report_data(
                locality=locality, year=choice.year, is_public=True, fetched_by=visitor
            )
            yearly_charts(data)
        view = forecast_view(
            locality=locality, level=ForecastLevel.OCCUPATION_GROUP, fetched_by=visitor
        )
        shown = forecast_series_shown(view=view)
        if shown is not None:
            series_chart(shown)


STEPS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("urls", _resolve_urls),
    ("templates", _templates),
    ("search lexicon", _search_lexicon),
    ("occupation classifier", _classifier),
    ("public charts", _public_charts),
)


def warm_up(*, before_fork: bool = True) -> dict[str, float]:
    """Run every warm-up step; return each one's seconds. A step that fails is logged, not fatal.

    ``before_fork`` (gunicorn's master) also closes the database connections and freezes the
    loaded objects; a test calls it with False to keep its transaction.
    """
    timings: dict[str, float] = {}
    for name in HEAVY_MODULES:
        started = time.perf_counter()
        importlib.import_module(name)
        timings[name] = time.perf_counter() - started
    for name, step in STEPS:
        started = time.perf_counter()
        try:
            step()
        except (DatabaseError, LookupError, OSError) as error:
            # A database not yet migrated or loaded: the workers build it on first use instead.
            logger.warning("warm-up step %s skipped: %s", name, error)
        except Exception:
            # Warming up must never keep the platform from serving; the log says what failed.
            logger.exception("warm-up step %s failed", name)
        timings[name] = time.perf_counter() - started
    if before_fork:
        # No connection may cross the fork; freeze what is loaded so the collector leaves it
        # shared between the workers.
        connections.close_all()
        gc.collect()
        gc.freeze()
    return timings
