"""Exporting the placements a user may see: masked for the enterprise; the school gets full names
but masked phones (a phone is shown in full only by the audited reveal)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from chanjiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/api/v1/internships/placements/export/"


def _rows(response):
    content = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_school_gets_full_names_and_masked_phones(client_for, school_admin, placement):
    response = client_for(school_admin).get(URL + "?format=csv")

    assert response.status_code == 200
    header, first = _rows(response)
    assert first[header.index("学生姓名")] == "王小明"
    assert first[header.index("手机号")] == "137****2222"
    event = AuditEvent.objects.get(action="placement.export")
    assert event.changes["rows"] == 1
    assert event.changes["personal_data_full"] is True


def test_the_enterprise_gets_them_masked(client_for, recruiter, placement):
    response = client_for(recruiter).get(URL + "?format=csv&status=planned")

    header, first = _rows(response)
    assert (first[header.index("学生姓名")], first[header.index("手机号")]) == (
        "王**",
        "137****2222",
    )
    assert first[header.index("学号")] == ""
    event = AuditEvent.objects.get(action="placement.export")
    assert event.changes["personal_data_full"] is False


def test_filters_as_the_list(client_for, school_admin, placement):
    response = client_for(school_admin).get(URL + "?format=csv&status=active")

    assert len(_rows(response)) == 1  # the header only


def test_outsider_exports_nothing(client_for, outsider, placement):
    response = client_for(outsider).get(URL + "?format=csv")

    assert len(_rows(response)) == 1


def test_xlsx_download_page(client, recruiter, placement):
    client.force_login(recruiter)

    response = client.get(reverse("internships:export") + "?format=xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]  # type: ignore[union-attr]
    assert values[1][1] == "王**"
