"""Catalogue endpoints are public to read and refuse every write, whoever asks."""

import pytest

from chanjiao.catalogs.models import (
    Industry,
    Major,
    MajorGroup,
    MajorOccupationLink,
    Occupation,
    Region,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    models = [Major, MajorGroup, Industry, Occupation, Region, MajorOccupationLink]
    return {model.__name__: model.objects.count() for model in models} | {
        "cnc": Major.objects.filter(code="460103").values_list("name", "is_active").get(),
        "wuzhou": Region.objects.filter(code="4504").values_list("name", "is_active").get(),
    }


def _urls():
    major = Major.objects.get(code="460103")
    return {
        "majors": "/api/v1/majors/",
        "major": f"/api/v1/majors/{major.pk}/",
        "major-groups": "/api/v1/major-groups/",
        "major-group": f"/api/v1/major-groups/{major.major_class_id}/",
        "industries": "/api/v1/industries/",
        "industry": f"/api/v1/industries/{Industry.objects.get(code='1530').pk}/",
        "occupations": "/api/v1/occupations/",
        "occupation": f"/api/v1/occupations/{Occupation.objects.get(code='6-18-01-01').pk}/",
        "regions": "/api/v1/regions/",
        "region": f"/api/v1/regions/{Region.objects.get(code='4504').pk}/",
        "links": "/api/v1/major-occupation-links/",
    }


ENDPOINTS = [
    "majors",
    "major",
    "major-groups",
    "major-group",
    "industries",
    "industry",
    "occupations",
    "occupation",
    "regions",
    "region",
    "links",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("persona", [None, "student", "staff_user"])
def test_anyone_may_read(request, api_client, client_for, catalogs, endpoint, persona):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    response = client.get(_urls()[endpoint])
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    ("_case", "persona"),
    [("anonymous", None), ("student", "student"), ("platform staff", "staff_user")],
)
def test_nobody_may_write(
    request, api_client, client_for, catalogs, endpoint, method, _case, persona
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    before = _snapshot()
    payload = {"code": "460103", "name": "改名", "is_active": False}
    response = getattr(client, method)(_urls()[endpoint], payload, format="json")
    assert response.status_code == 405
    assert response.json() == {"message": "不支持该请求方法。", "extra": {}}
    assert _snapshot() == before
