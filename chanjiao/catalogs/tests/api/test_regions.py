import pytest

from chanjiao.catalogs.models import Region

pytestmark = pytest.mark.django_db

URL = "/api/v1/regions"


def test_lists_every_region(api_client, catalogs):
    response = api_client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 3351


@pytest.mark.parametrize(
    ("_case", "params", "expected"),
    [
        ("provinces", {"level": "省级"}, 31),
        ("prefecture level", {"level": "地级"}, 342),
        ("county level", {"level": "县级"}, 2978),
        ("children of 梧州市", {"parent": "4504"}, 7),
        ("梧州市 and everything below it", {"within": "4504"}, 8),
        ("counties of 广西", {"within": "45", "level": "县级"}, 111),
    ],
)
def test_filters_regions(api_client, catalogs, _case, params, expected):
    response = api_client.get(URL, params)
    assert response.json()["count"] == expected


def test_within_returns_the_region_and_all_below(api_client, catalogs):
    body = api_client.get(URL, {"within": "4504"}).json()
    assert [row["code"] for row in body["results"]] == [
        "4504",
        "450403",
        "450405",
        "450406",
        "450421",
        "450422",
        "450423",
        "450481",
    ]


def test_searches_by_name_full_name_and_code(api_client, catalogs):
    by_name = api_client.get(URL, {"q": "岑溪"}).json()["results"]
    by_full_name = api_client.get(URL, {"q": "梧州市"}).json()["count"]
    by_code = api_client.get(URL, {"q": "450403"}).json()["results"]
    assert [row["code"] for row in by_name] == ["450481"]
    assert by_full_name == 8
    assert [(row["code"], row["name"], row["full_name"]) for row in by_code] == [
        ("450403", "万秀区", "广西壮族自治区梧州市万秀区")
    ]


def test_detail_shows_parent_and_children(api_client, catalogs):
    wuzhou = Region.objects.get(code="4504")
    body = api_client.get(f"{URL}/{wuzhou.pk}/").json()
    assert body["name"] == "梧州市"
    assert [(p["code"], p["name"]) for p in body["parents"]] == [("45", "广西壮族自治区")]
    assert body["children"][0] == {
        "id": Region.objects.get(code="450403").pk,
        "code": "450403",
        "name": "万秀区",
        "level": "县级",
    }
    assert len(body["children"]) == 7


def test_rejects_an_unknown_within_code(api_client, catalogs):
    response = api_client.get(URL, {"within": "9999"})
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"within": ["地区代码（within）“9999”不存在。"]}
