"""API paging: a page past the end is refused with a message naming how many pages there are."""

import pytest

from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/listings/"


@pytest.fixture
def three_published(recruiter, enterprise, wuzhou_gov):
    reviewer = reviewer_for(wuzhou_gov)
    for n in range(3):
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"岗位{n}"},
        )


def test_a_page_past_the_end_says_how_many_pages_there_are(api_client, three_published):
    response = api_client.get(URL, {"page": 999, "page_size": 2})

    assert response.status_code == 404
    body = response.json()
    assert body["message"] == "页码无效：共 2 页，第 999 页。请使用 1 到 2 之间的页码。"
    assert body["extra"] == {"page": "999", "pages": 2}


def test_a_page_that_is_not_a_number_is_explained(api_client, three_published):
    response = api_client.get(URL, {"page": "abc"})

    assert response.status_code == 404
    expected = "页码无效：共 1 页，“abc”不是页码。请使用 1 到 1 之间的页码。"
    assert response.json()["message"] == expected


def test_pages_in_range_still_answer(api_client, three_published):
    first = api_client.get(URL, {"page": 1, "page_size": 2}).json()
    last = api_client.get(URL, {"page": "last", "page_size": 2}).json()

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert len(last["results"]) == 1
