import pytest

from chanjiao.catalogs.models import Major, Occupation

pytestmark = pytest.mark.django_db

URL = "/api/v1/occupations"


def test_lists_every_occupation(api_client, catalogs):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 2054


@pytest.mark.parametrize(
    ("_case", "params", "expected"),
    [
        ("occupations proper", {"level": "细类"}, 1634),
        ("digital occupations", {"is_digital": "true"}, 97),
        ("green occupations", {"is_green": "true"}, 134),
        ("children of a minor group", {"parent": "6-18-01-00"}, 13),
    ],
)
def test_filters_occupations(api_client, catalogs, _case, params, expected):
    response = api_client.get(URL, params)
    assert response.json()["count"] == expected


def test_searches_by_name_code_and_common_names(api_client, catalogs):
    by_name = api_client.get(URL, {"q": "多工序数控机床"}).json()["results"]
    by_code = api_client.get(URL, {"q": "6-18-01-1"}).json()["results"]
    by_alias = api_client.get(URL, {"q": "首席执行官CEO"}).json()["results"]
    assert [row["code"] for row in by_name] == ["6-18-01-07"]
    assert [row["code"] for row in by_code] == [
        "6-18-01-10",
        "6-18-01-11",
        "6-18-01-12",
        "6-18-01-13",
    ]
    assert [(row["code"], row["name"]) for row in by_alias] == [("1-06-01-02", "企业经理")]


def test_detail_shows_parents_children_and_linked_majors(api_client, catalogs):
    lathe = Occupation.objects.get(code="6-18-01-01")
    group = Occupation.objects.get(code="6-18-01-00")
    lathe_body = api_client.get(f"{URL}/{lathe.pk}/").json()
    group_body = api_client.get(f"{URL}/{group.pk}/").json()
    assert [p["code"] for p in lathe_body["parents"]] == ["6-00-00-00", "6-18-00-00", "6-18-01-00"]
    assert len(group_body["children"]) == 13
    assert group_body["children"][0] == {
        "id": lathe.pk,
        "code": "6-18-01-01",
        "name": "车工",
        "level": "细类",
    }
    linked = {
        (link["major_code"], link["is_expanded_from_minor_group"])
        for link in lathe_body["major_links"]
    }
    assert linked == {
        ("660102", True),
        ("660103", False),
        ("660108", True),
        ("460102", True),
        ("460104", True),
        ("460114", True),
        ("460118", True),
    }


def test_detail_lists_majors_preparing_for_an_occupation(api_client, catalogs):
    designer = Occupation.objects.get(code="2-02-07-01")
    cnc = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    body = api_client.get(f"{URL}/{designer.pk}/").json()
    assert cnc.pk in {link["major_id"] for link in body["major_links"]}
