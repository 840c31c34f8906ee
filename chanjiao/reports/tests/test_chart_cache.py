"""Static charts (the reports') are drawn once per change of their data, not on every request.

The dashboard's charts are drawn by the browser (ECharts): it asks matplotlib for nothing.
"""

import pytest
from django.test import Client

from chanjiao.analytics import charts
from chanjiao.analytics.models import DemandCount

pytestmark = pytest.mark.django_db

URL = "/analytics/reports/4504/2025.html"
DASHBOARD = "/analytics/4504/?year=2025"


@pytest.fixture
def drawings(monkeypatch):
    """Count the figures matplotlib is asked to draw."""
    charts.charts_cache_clear()
    count = {"figures": 0}
    draw = charts._figure

    def counted(height):
        count["figures"] += 1
        return draw(height)

    monkeypatch.setattr(charts, "_figure", counted)
    return count


def test_dashboard_draws_no_figure_on_the_server(analytics_world, drawings):
    response = Client().get(DASHBOARD)

    assert response.status_code == 200
    assert drawings["figures"] == 0


def test_report_draws_its_charts_once_until_the_counts_change(analytics_world, drawings):
    first = Client().get(URL).content
    assert drawings["figures"] == 4

    again = Client().get(URL).content
    assert drawings["figures"] == 4
    assert again == first

    DemandCount.objects.filter(industry_code="1530").update(openings=500)
    changed = Client().get(URL).content.decode()

    # Only the industry chart shows those openings; the other three are served as drawn.
    assert drawings["figures"] == 5
    assert "2025年各行业岗位需求人数（人）" in changed
