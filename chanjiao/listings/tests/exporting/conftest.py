"""Fixtures and readers for export tests: published items and the file read back."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.listings.tests.factories import listing_make, reviewer_for


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def job(recruiter, enterprise, reviewer):
    """A published job of the 梧州 enterprise with a contact person and phone."""
    return listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"contact_name": "李经理", "contact_phone": "13812345678"},
    )


@pytest.fixture
def personal_data_officer(wuzhou_gov):
    """A government 信息员 who also holds the right to see personal data in full."""
    user = UserFactory(username="pd_officer", real_name="数据专员")
    MembershipFactory(user=user, organization=wuzhou_gov)
    user.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    return user


def export_bytes(response):
    """Return a streamed download's bytes (kept, so it can be read more than once)."""
    if not hasattr(response, "export_bytes"):
        response.export_bytes = response.getvalue()
    return response.export_bytes


def read_export(response, file_format):
    """Return the rows of a downloaded export (header first) as lists of values."""
    content = export_bytes(response)
    if file_format == "csv":
        assert content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    (sheet,) = workbook.worksheets
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def formula_cells(response):
    """Return the coordinates of every formula cell in a downloaded workbook."""
    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes(response)))
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def as_dicts(rows):
    """Map each data row by its Chinese header."""
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]
