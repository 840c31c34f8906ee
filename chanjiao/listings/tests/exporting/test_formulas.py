"""Formula-like text comes back quoted, and an exported workbook holds no formula cell."""

import pytest

from chanjiao.listings.models import Listing
from chanjiao.listings.tests.exporting.conftest import as_dicts, formula_cells, read_export

pytestmark = pytest.mark.django_db

URL = "/api/v1/listings/export/"
HOSTILE = ["=1+1", "+8613812345678", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_is_quoted(value, file_format, job, api_client):
    # Written straight to the table: imports or older records may hold anything.
    Listing.objects.filter(pk=job.pk).update(title=value, description=value, skills=value)

    response = api_client.get(URL, {"format": file_format, "kind": "job"})

    (row,) = as_dicts(read_export(response, file_format))
    expected = "'" + value
    if file_format == "xlsx":
        expected = expected.replace("\r", "\n")  # XML reads every line end as LF
    assert row["标题"] == expected
    assert row["岗位职责与任职要求"] == expected
    assert row["技能要求"] == expected


@pytest.mark.parametrize("value", HOSTILE)
def test_workbook_has_no_formula_cell(value, job, api_client):
    Listing.objects.filter(pk=job.pk).update(
        title=value, description=value, contact_name=value, details={"benefits": value}
    )

    response = api_client.get(URL, {"format": "xlsx", "kind": "job"})

    assert response.status_code == 200
    assert formula_cells(response) == []
    (row,) = as_dicts(read_export(response, "xlsx"))
    assert row["福利待遇"] == ("'" + value).replace("\r", "\n")
    # Masked first ("=***" would still be a formula), then quoted.
    assert not row["联系人"].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_plain_text_and_numbers_are_unchanged(job, api_client):
    response = api_client.get(URL, {"format": "xlsx", "kind": "job"})

    (row,) = as_dicts(read_export(response, "xlsx"))
    assert row["编号"] == job.pk
    assert row["薪酬下限（元/月）"] == 4500
    assert row["标题"] == "数控车工"
    assert row["工作地点"] == "450403 万秀区"


def test_characters_a_workbook_cannot_hold_are_dropped(job, api_client):
    Listing.objects.filter(pk=job.pk).update(title="\x01=1+1\x0b茶")

    response = api_client.get(URL, {"format": "xlsx", "kind": "job"})

    assert formula_cells(response) == []
    assert as_dicts(read_export(response, "xlsx"))[0]["标题"] == "'=1+1茶"
