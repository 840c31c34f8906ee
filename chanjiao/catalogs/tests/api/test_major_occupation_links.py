import pytest

from chanjiao.catalogs.models import Major, MajorOccupationLink

pytestmark = pytest.mark.django_db

URL = "/api/v1/major-occupation-links"


def test_lists_every_link(api_client, catalogs):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 4628


def test_filters_by_major_id_and_by_major_code(api_client, catalogs):
    cnc = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    by_id = api_client.get(URL, {"major_id": cnc.pk}).json()
    by_code = api_client.get(URL, {"major_code": "460103"}).json()
    assert by_id == by_code
    assert [row["occupation_code"] for row in by_id["results"]] == [
        "2-02-07-01",
        "2-02-07-02",
        "2-02-29-03",
    ]


def test_filters_by_occupation_code_and_evidence_type(api_client, catalogs):
    lathe = api_client.get(URL, {"occupation_code": "6-18-01-01"}).json()
    curated = api_client.get(URL, {"evidence_type": "curated"}).json()
    assert (
        lathe["count"]
        == MajorOccupationLink.objects.filter(occupation__code="6-18-01-01").count()
        == 7
    )
    assert curated["count"] == 0


def test_rejects_a_non_integer_major_id(api_client, catalogs):
    response = api_client.get(URL, {"major_id": "数控"})
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"major_id": ["专业编号（major_id）必须是整数。"]}
