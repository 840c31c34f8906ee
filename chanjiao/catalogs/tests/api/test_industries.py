import pytest

from chanjiao.catalogs.models import Industry

pytestmark = pytest.mark.django_db

URL = "/api/v1/industries"


def test_lists_every_industry(api_client, catalogs):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 1971


@pytest.mark.parametrize(
    ("_case", "params", "expected"),
    [
        ("sections", {"level": "门类"}, 20),
        ("divisions", {"level": "大类"}, 97),
        ("groups", {"level": "中类"}, 473),
        ("classes", {"level": "小类"}, 1381),
        ("manufacturing divisions", {"section": "C", "level": "大类"}, 31),
        ("children of a group", {"parent": "153"}, 1),
    ],
)
def test_filters_industries(api_client, catalogs, _case, params, expected):
    response = api_client.get(URL, params)
    assert response.json()["count"] == expected


def test_searches_by_name_and_by_code(api_client, catalogs):
    by_name = api_client.get(URL, {"q": "精制茶"}).json()["results"]
    by_code = api_client.get(URL, {"q": "153"}).json()["results"]
    assert [row["code"] for row in by_name] == ["15", "153", "1530"]
    assert [row["code"] for row in by_code] == ["153", "1530"]


def test_detail_shows_parent_chain_and_children(api_client, catalogs):
    tea = Industry.objects.get(code="1530")
    group = Industry.objects.get(code="153")
    tea_body = api_client.get(f"{URL}/{tea.pk}/").json()
    group_body = api_client.get(f"{URL}/{group.pk}/").json()
    assert tea_body["name"] == "精制茶加工"
    assert tea_body["parent"] == {"id": group.pk, "code": "153", "name": "精制茶加工"}
    assert [(p["code"], p["level"]) for p in tea_body["parents"]] == [
        ("C", "门类"),
        ("15", "大类"),
        ("153", "中类"),
    ]
    assert tea_body["children"] == []
    assert group_body["children"] == [
        {"id": tea.pk, "code": "1530", "name": "精制茶加工", "level": "小类"}
    ]


def test_rejects_a_bad_section(api_client, catalogs):
    response = api_client.get(URL, {"section": "Z"})
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "section": ["门类（section）应为 A—T 中的一个字母。"]
    }
