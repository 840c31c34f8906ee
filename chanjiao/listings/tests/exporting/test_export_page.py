"""The web download at /info/export/, linked from the list pages."""

import pytest
from django.urls import reverse

from chanjiao.audit.models import AuditEvent
from chanjiao.listings import exporting
from chanjiao.listings.tests.exporting.conftest import as_dicts, formula_cells, read_export

pytestmark = pytest.mark.django_db


def test_visitor_downloads_the_public_list(client, job):
    response = client.get(
        reverse("listing_export:download"), {"format": "xlsx", "scope": "public", "kind": "job"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    (row,) = as_dicts(read_export(response, "xlsx"))
    assert row["联系电话"] == "138****5678"
    assert formula_cells(response) == []
    assert AuditEvent.objects.filter(action="listing.export").count() == 1


def test_member_downloads_own_items_in_full(client, job, recruiter):
    client.force_login(recruiter)

    response = client.get(reverse("listing_export:download"), {"format": "csv", "scope": "mine"})

    (row,) = as_dicts(read_export(response, "csv"))
    assert row["联系电话"] == "13812345678"


def test_visitor_is_sent_to_login_for_own_items(client, job):
    url = reverse("listing_export:download")

    response = client.get(url, {"format": "csv", "scope": "mine"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not AuditEvent.objects.filter(action="listing.export").exists()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "pdf"}, "导出失败：导出格式只能是 csv 或 xlsx。"),
        ({"region": "火星区"}, "导出失败：未找到名为“火星区”的地区，请检查名称或填写地区代码。"),
        ({"scope": "review"}, "导出失败：您不是审核员，不能导出审核队列。"),
    ],
)
def test_errors_return_to_the_list_with_a_message(params, message, client, outsider):
    client.force_login(outsider)

    response = client.get(
        reverse("listing_export:download"), params, HTTP_REFERER="http://testserver/", follow=True
    )

    assert response.redirect_chain == [("http://testserver/", 302)]
    assert message in response.content.decode()


def test_refuses_an_export_over_the_limit(client, job, monkeypatch):
    monkeypatch.setattr(exporting, "MAX_EXPORT_ROWS", 0)

    response = client.get(reverse("listing_export:download"), {"format": "csv"}, follow=True)

    assert response.redirect_chain == [(reverse("web:home"), 302)]
    assert "超过单次导出上限 0 条" in response.content.decode()
