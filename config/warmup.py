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

# Heavy libraries the pages import on demand: charts, PDF reports, forecasts, the classifier.
HEAVY_MODULES = (
    "matplotlib.figure",
    "weasyprint",
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


STEPS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("urls", _resolve_urls),
    ("templates", _templates),
    ("search lexicon", _search_lexicon),
    ("occupation classifier", _classifier),
)


def warm_up() -> dict[str, float]:
    """Run every warm-up step; return each one's seconds. A step that fails is logged, not fatal."""
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
        timings[name] = time.perf_counter() - started
    # No connection may cross the fork; freeze what is loaded so the collector leaves it shared.
    connections.close_all()
    gc.collect()
    gc.freeze()
    return timings
