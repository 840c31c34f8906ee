"""Every write endpoint: anonymous users, enterprise users and other localities' officers are
refused and change nothing; the locality's own 政府管理员 succeeds."""

import pytest

from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Locality.objects.order_by("pk").values()),
        list(PolicyParameter.objects.order_by("pk").values()),
        list(KeyIndustry.objects.order_by("pk").values()),
        list(KeyIndustry.industries.through.objects.order_by("pk").values()),
        list(NamedInstitution.objects.order_by("pk").values()),
    )


def _tea(locality):
    return KeyIndustry.objects.get(locality=locality, label="茶产业").pk


def _college(locality):
    return NamedInstitution.objects.get(locality=locality, name="梧州学院").pk


PARAMETER = {
    "key": "test-share",
    "label": "测试",
    "comparison": "eq",
    "value": 1,
    "clause": "（一）",
    "quote": "原文。",
}
ENDPOINTS = [
    ("locality", "patch", lambda loc: f"{loc.pk}/", {"summary": "改"}, 200),
    ("add parameter", "post", lambda loc: f"{loc.pk}/parameters/", PARAMETER, 201),
    (
        "change parameter",
        "patch",
        lambda loc: f"{loc.pk}/parameters/internship-posts-share-of-workforce/",
        {"value": 3},
        200,
    ),
    (
        "delete parameter",
        "delete",
        lambda loc: f"{loc.pk}/parameters/internship-posts-share-of-workforce/",
        None,
        204,
    ),
    (
        "add key industry",
        "post",
        lambda loc: f"{loc.pk}/key-industries/",
        {"label": "测试产业", "codes": ["42"], "clause": "（七）"},
        201,
    ),
    (
        "change key industry",
        "patch",
        lambda loc: f"{loc.pk}/key-industries/{_tea(loc)}/",
        {"note": "改"},
        200,
    ),
    (
        "delete key industry",
        "delete",
        lambda loc: f"{loc.pk}/key-industries/{_tea(loc)}/",
        None,
        204,
    ),
    (
        "add institution",
        "post",
        lambda loc: f"{loc.pk}/institutions/",
        {"name": "测试学校", "kind": "中职学校", "clause": "（一）"},
        201,
    ),
    (
        "change institution",
        "patch",
        lambda loc: f"{loc.pk}/institutions/{_college(loc)}/",
        {"kind": "大学"},
        200,
    ),
    (
        "delete institution",
        "delete",
        lambda loc: f"{loc.pk}/institutions/{_college(loc)}/",
        None,
        204,
    ),
]
PERSONAS = [
    ("anonymous", None),
    ("enterprise recruiter", "recruiter"),
    ("enterprise admin", "enterprise_admin"),
    ("another locality's officer", "shuangyashan_officer"),
    ("the locality's officer", "wuzhou_officer"),
]


@pytest.mark.parametrize(("_endpoint", "method", "path", "body", "success"), ENDPOINTS)
@pytest.mark.parametrize(("_case", "persona"), PERSONAS)
def test_only_the_locality_officer_writes(
    request,
    api_client,
    client_for,
    wuzhou_locality,
    _endpoint,
    method,
    path,
    body,
    success,
    _case,
    persona,
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    url = "/api/v1/localities/" + path(wuzhou_locality)
    before = _state()

    response = getattr(client, method)(url, body, format="json")

    if persona == "wuzhou_officer":
        assert response.status_code == success
        assert _state() != before
    else:
        assert response.status_code == 403
        assert set(response.json()) == {"message", "extra"}
        assert _state() == before
