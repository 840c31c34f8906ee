"""The lists cost the same number of queries however many requests they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.contact_requests.models import ContactRequestState
from chanjiao.contact_requests.tests.factories import ContactRequestFactory

pytestmark = pytest.mark.django_db

SCHOOL_URLS = (
    "/contact-requests/received/",
    "/api/v1/contact-requests/received/",
    "/api/v1/contact-requests/received/cohorts/",
)
SENDER_URLS = ("/contact-requests/sent/", "/api/v1/contact-requests/sent/")


def _answered(count, *, enterprise, recruiter, school, majors, year):
    for i in range(count):
        ContactRequestFactory(
            enterprise=enterprise,
            requested_by=recruiter,
            school=school,
            major=majors[i % len(majors)],
            graduation_year=year - i % 3,
            state=ContactRequestState.ACCEPTED,
        )


def _counts(client, user, urls):
    client.force_login(user)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_lists_do_not_query_per_row(
    client, recruiter, school_officer, enterprise, school, cnc, design, this_year
):
    rows = {"enterprise": enterprise, "recruiter": recruiter, "school": school, "year": this_year}
    _answered(1, majors=[cnc], **rows)
    _counts(client, school_officer, SCHOOL_URLS)  # warm the per-process caches
    few = _counts(client, school_officer, SCHOOL_URLS) + _counts(client, recruiter, SENDER_URLS)
    _answered(6, majors=[cnc, design], **rows)
    many = _counts(client, school_officer, SCHOOL_URLS) + _counts(client, recruiter, SENDER_URLS)

    assert many == few
