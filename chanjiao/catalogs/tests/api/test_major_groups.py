import pytest

from chanjiao.catalogs.models import MajorGroup

pytestmark = pytest.mark.django_db

URL = "/api/v1/major-groups"


@pytest.mark.parametrize(
    ("_case", "params", "expected"),
    [
        ("every group", {}, 438),
        ("undergraduate disciplines", {"system": "undergraduate", "node_type": "学科门类"}, 13),
        ("higher vocational categories", {"level": "高职专科", "node_type": "专业大类"}, 19),
        ("classes under one category", {"parent": "46"}, 7),
    ],
)
def test_filters_groups(api_client, catalogs, _case, params, expected):
    response = api_client.get(URL, params)
    assert response.status_code == 200
    assert response.json()["count"] == expected


def test_detail_lists_children_and_majors(api_client, catalogs):
    category = MajorGroup.objects.get(system="vocational", level="高职专科", code="46")
    cls = MajorGroup.objects.get(system="vocational", level="高职专科", code="4601")
    category_body = api_client.get(f"{URL}/{category.pk}/").json()
    class_body = api_client.get(f"{URL}/{cls.pk}/").json()
    assert [child["code"] for child in category_body["children"]] == [
        "4601",
        "4602",
        "4603",
        "4604",
        "4605",
        "4606",
        "4607",
    ]
    versions = [major["catalog_version"] for major in category_body["majors"]]
    assert (versions.count("2021"), versions.count("2025增补")) == (68, 8)
    assert class_body["parent"]["code"] == "46"
    assert class_body["children"] == []
    assert [m["code"] for m in class_body["majors"]][:3] == ["460101", "460102", "460103"]


def test_rejects_an_unknown_node_type(api_client, catalogs):
    response = api_client.get(URL, {"node_type": "专业方向"})
    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["node_type"]
