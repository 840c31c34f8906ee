"""The applicant's list costs the same number of queries whatever the number of applications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.applications.services import application_invite, application_submit
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_applications_with_their_histories_take_no_query_per_row(
    client, applicant, recruiter, enterprise, reviewer, job
):
    invited = application_submit(actor=applicant, listing=job)
    application_invite(actor=recruiter, application=invited, message="周一面试")
    client.force_login(applicant)
    one = _queries(client, "/applications/mine/")

    for _ in range(3):
        post = listing_make(
            kind="internship", author=recruiter, organization=enterprise, reviewer=reviewer
        )
        application_invite(
            actor=recruiter, application=application_submit(actor=applicant, listing=post)
        )

    assert _queries(client, "/applications/mine/") == one
    assert "周一面试" in client.get("/applications/mine/").content.decode()
