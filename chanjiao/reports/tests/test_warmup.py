"""The warm-up gunicorn runs before forking leaves the first dashboard request nothing to draw."""

import pytest
from django.test import Client

from chanjiao.analytics import charts
from config.warmup import HEAVY_MODULES, STEPS, warm_up

pytestmark = pytest.mark.django_db


def test_warm_up_runs_every_step_and_draws_the_public_charts(analytics_world, monkeypatch):
    charts.charts_cache_clear()

    timings = warm_up(before_fork=False)

    assert set(timings) == set(HEAVY_MODULES) | {name for name, _ in STEPS}
    drawn = {"figures": 0}
    draw = charts._figure

    def counted(height):
        drawn["figures"] += 1
        return draw(height)

    monkeypatch.setattr(charts, "_figure", counted)
    response = Client().get("/analytics/4504/?year=2025")

    assert response.status_code == 200
    assert drawn["figures"] == 0


def test_a_failing_step_is_logged_and_the_others_still_run(monkeypatch, caplog, db):
    ran = []

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(
        "config.warmup.STEPS", (("broken", broken), ("after", lambda: ran.append("after")))
    )

    timings = warm_up(before_fork=False)

    assert ran == ["after"]
    assert "broken" in timings
    assert "warm-up step broken failed" in caplog.text
