"""The malformed-file corpus: each file is refused with its own error, and nothing is written.

Before each import one valid item exists; afterwards there is still exactly one, unchanged.
"""

import pytest

from chanjiao.listings.models import Listing, ListingEvent
from chanjiao.listings.tests.importing.corpus import CASES, REGION, XLSX, many_errors
from chanjiao.listings.tests.importing.files import csv_bytes, import_bytes, job_row, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_item(recruiter, enterprise):
    """One item imported before the malformed file, so 'nothing changed' is a real count."""
    result = import_bytes(
        actor=recruiter, organization=enterprise, content=csv_bytes(table([job_row(9999)]))
    )
    assert result.created == 1
    return Listing.objects.get()


def test_corpus_has_at_least_fifty_distinct_files():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 50
    assert sum(case.file_name == XLSX for case in CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_file_is_refused_with_its_error(case, recruiter, enterprise, one_item, settings):
    for name, value in case.settings.items():
        setattr(settings, name, value)
    content = case.build()
    before = (Listing.objects.count(), ListingEvent.objects.count())

    result = import_bytes(
        actor=recruiter, organization=enterprise, content=content, name=case.file_name
    )

    assert not result.ok
    first = result.errors[0]
    assert (first.row, first.column) == (case.row, case.column), result.errors
    assert case.message in first.message, first.message
    assert result.error_count == case.error_count, result.errors
    assert (result.created, result.updated) == (0, 0)
    assert (Listing.objects.count(), ListingEvent.objects.count()) == before == (1, 1)
    one_item.refresh_from_db()
    assert one_item.version == 1


def test_every_error_of_a_file_is_listed(recruiter, enterprise):
    result = import_bytes(actor=recruiter, organization=enterprise, content=many_errors())

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, REGION, "未知的地区代码：999999。"),
        (5, "岗位名称", "该字段是必填项。"),
        (6, "薪酬下限（元/月）", "输入整数。"),
        (6, "招聘人数", "确保该值大于或等于1。"),
    ]
    assert Listing.objects.count() == 0
