"""PDFs are rendered once per change of their data; the hourly task renders them ahead."""

import pytest
from django.test import Client

from chanjiao.analytics.models import DemandCount
from chanjiao.reports import formatters
from chanjiao.reports.tasks import refresh_reports_task

pytestmark = pytest.mark.django_db

PDF = "/analytics/reports/4504/2025.pdf"


@pytest.fixture
def renders(monkeypatch):
    """Count WeasyPrint renders."""
    count = {"pdf": 0}
    render = formatters.PdfFormatter._pdf

    def counted(html, digest):
        count["pdf"] += 1
        return render(html, digest)

    monkeypatch.setattr(formatters.PdfFormatter, "_pdf", staticmethod(counted))
    return count


def test_a_download_of_unchanged_data_is_served_from_storage(analytics_world, renders):
    before = renders["pdf"]
    first = Client().get(PDF).content
    rendered = renders["pdf"] - before  # 0 if an earlier test already stored the same data

    again = Client().get(PDF).content

    assert again == first
    assert again.startswith(b"%PDF")
    assert renders["pdf"] == before + rendered

    DemandCount.objects.filter(industry_code="1530").update(openings=777)
    changed = Client().get(PDF).content

    assert renders["pdf"] == before + rendered + 1
    assert changed != first


def test_the_hourly_task_renders_ahead_of_the_downloads(analytics_world, renders):
    DemandCount.objects.filter(industry_code="1530").update(openings=4321)

    checked = refresh_reports_task.enqueue().return_value
    after_task = renders["pdf"]
    response = Client().get(PDF)

    assert checked == 2  # 梧州's public and internal report; the other localities have no data
    assert after_task == 2
    assert response.status_code == 200
    assert renders["pdf"] == after_task  # the download rendered nothing
