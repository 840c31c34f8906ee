"""Out-of-range numbers in the list filters are a 400 naming the field, never a server error."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 25


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"organization": HUGE}, "organization", "编号超出范围。"),
        ({"organization": "0"}, "organization", "应为正整数编号。"),
        ({"organization": "abc"}, "organization", "应为正整数编号。"),
        ({"salary_at_least": HUGE}, "salary_at_least", "薪酬不能超过 100000000 元/月。"),
    ],
)
def test_bad_numbers_in_filters_are_field_errors(api_client, params, field, message):
    response = api_client.get("/api/v1/listings/", {"kind": "job", **params})

    assert response.status_code == 400
    assert response.json()["extra"]["fields"][field] == [message]


def test_the_largest_id_is_accepted_and_finds_nothing(api_client):
    response = api_client.get("/api/v1/listings/", {"kind": "job", "organization": 2**63 - 1})

    assert response.status_code == 200
    assert response.json()["count"] == 0
