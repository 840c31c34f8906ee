"""The public list's total is counted once a minute at most; "mine" stays exact."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/listings/"


def _counts(client, url):
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).json()
    return body["count"], sum("COUNT(" in q["sql"].upper() for q in queries)


def test_public_total_is_counted_once_a_minute(api_client, recruiter, enterprise, wuzhou_gov):
    reviewer = reviewer_for(wuzhou_gov)
    listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        assert _counts(api_client, URL) == (1, 1)
        listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
        assert _counts(api_client, URL) == (1, 0)  # a minute-old total, no COUNT query
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert _counts(api_client, URL) == (2, 1)


def test_own_items_are_counted_exactly(recruiter, enterprise, client_for):
    client = client_for(recruiter)
    listing_make(kind="job", author=recruiter, organization=enterprise)
    assert client.get(URL + "mine/").json()["count"] == 1

    listing_make(kind="job", author=recruiter, organization=enterprise)

    assert client.get(URL + "mine/").json()["count"] == 2


def test_each_filter_and_viewer_has_its_own_total(
    api_client, recruiter, enterprise, wuzhou_gov, staff_user, client_for
):
    reviewer = reviewer_for(wuzhou_gov)
    listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
    listing_make(kind="internship", author=recruiter, organization=enterprise, reviewer=reviewer)
    listing_make(kind="job", author=recruiter, organization=enterprise)  # a draft

    assert _counts(api_client, URL) == (2, 1)
    assert _counts(api_client, URL + "?kind=internship") == (1, 1)
    assert _counts(api_client, URL + "?kind=internship&page_size=1") == (1, 0)  # paging: same
    assert _counts(api_client, URL + "?page=1") == (2, 0)
    # Platform staff also see drafts: their total is their own.
    assert _counts(client_for(staff_user), URL) == (3, 1)
    assert _counts(api_client, URL) == (2, 0)
