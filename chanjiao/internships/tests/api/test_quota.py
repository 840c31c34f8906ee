"""The 2 % quota of 梧州（十） at its edge, who reads it, and a locality without the parameter."""

import pytest
from django.utils import timezone

from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.services import localities_load_default

pytestmark = pytest.mark.django_db
URL = "/api/v1/internships/quota/"


@pytest.fixture
def localities(catalogs):
    localities_load_default()


@pytest.mark.parametrize(("_case", "offered", "shortfall"), [("19", 19, 1), ("20", 20, 0)])
def test_quota_edge(
    client_for, localities, unit, recruiter, wuzhou_gov, wuzhou_officer, _case, offered, shortfall
):
    listing_make(
        kind="internship",
        author=recruiter,
        organization=unit,
        reviewer=reviewer_for(wuzhou_gov),
        overrides={"quantity": offered},
    )
    year = timezone.localdate().year
    response = client_for(wuzhou_officer).get(URL, {"locality": "梧州市", "year": year})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["available"] is True
    (row,) = [r for r in body["rows"] if r["enterprise"]["id"] == unit.pk]
    assert (row["staff"], row["required"], row["offered"], row["filled"]) == (1000, 20, offered, 0)
    assert row["shortfall"] == shortfall


def test_enterprise_sees_only_its_own_row(client_for, localities, unit, recruiter, wuzhou):
    from chanjiao.organizations.tests.factories import EnterpriseFactory

    EnterpriseFactory(
        name="另一家企业", region=wuzhou, employee_count=500, is_above_designated_size=True
    )
    body = client_for(recruiter).get(URL, {"locality": "梧州市"}).json()
    assert [r["enterprise"]["id"] for r in body["rows"]] == [unit.pk]


def test_outsider_refused(client_for, localities, outsider):
    assert client_for(outsider).get(URL, {"locality": "梧州市"}).status_code == 403


def test_locality_without_parameter_says_so(client_for, localities, staff_user):
    body = client_for(staff_user).get(URL, {"locality": "双鸭山市"}).json()
    assert body["available"] is False
    assert body["rows"] == []
    assert "没有规定" in body["message"]
