import pytest

from chanjiao.catalogs.models import Major

pytestmark = pytest.mark.django_db

URL = "/api/v1/majors"


def _codes(response):
    return [row["code"] for row in response.json()["results"]]


def test_lists_the_vocational_2021_catalogue_by_default(api_client, catalogs):
    response = api_client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1349
    assert len(body["results"]) == 20


@pytest.mark.parametrize(
    ("_case", "level", "expected"),
    [
        ("secondary vocational", "中职", 358),
        ("higher vocational", "高职专科", 744),
        ("vocational bachelor", "职业本科", 247),
        ("undergraduate level is not in the vocational catalogue", "普通本科", 0),
    ],
)
def test_filters_by_level(api_client, catalogs, _case, level, expected):
    response = api_client.get(URL, {"level": level})
    assert response.status_code == 200
    assert response.json()["count"] == expected


@pytest.mark.parametrize(
    ("_case", "catalog", "expected"),
    [
        ("vocational 2021", "vocational-2021", 1349),
        ("2025 additions", "vocational-2025-additions", 46),
        ("undergraduate 2026", "undergraduate-2026", 883),
        ("every catalogue", "all", 1349 + 46 + 883),
    ],
)
def test_filters_by_catalogue(api_client, catalogs, _case, catalog, expected):
    response = api_client.get(URL, {"catalog": catalog})
    assert response.status_code == 200
    assert response.json()["count"] == expected


def test_searches_by_name(api_client, catalogs):
    response = api_client.get(URL, {"q": "数控技术"})
    assert _codes(response) == ["260103", "460103", "660103"]


def test_searches_by_code_prefix(api_client, catalogs):
    response = api_client.get(URL, {"q": "46010", "page_size": 50})
    assert _codes(response) == [f"46010{n}" for n in range(1, 10)]


def test_filters_by_category_and_class(api_client, catalogs):
    by_category = api_client.get(URL, {"category": "46"})
    by_class = api_client.get(URL, {"class": "4601", "page_size": 50})
    assert by_category.json()["count"] == 68
    assert by_class.json()["count"] == 20
    assert set(_codes(by_class)) == {f"4601{n:02d}" for n in range(1, 21)}


def test_sorts_by_name_and_by_code_descending(api_client, catalogs):
    by_name = api_client.get(URL, {"ordering": "name", "page_size": 3})
    by_code_desc = api_client.get(URL, {"ordering": "-code", "page_size": 1})
    assert [row["name"] for row in by_name.json()["results"]] == ["丝绸工艺", "丝绸技术", "中兽医"]
    highest = Major.objects.filter(system="vocational", catalog_version="2021").order_by("-code")
    assert _codes(by_code_desc) == [highest.first().code]


def test_filters_by_active_state(api_client, catalogs):
    Major.objects.filter(code="460103", catalog_version="2021").update(is_active=False)
    retired = api_client.get(URL, {"active": "false"})
    active = api_client.get(URL, {"active": "true"})
    assert _codes(retired) == ["460103"]
    assert active.json()["count"] == 1348


def test_serializes_a_major(api_client, catalogs):
    major = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    response = api_client.get(URL, {"q": "460103"})
    assert response.json()["results"] == [
        {
            "id": major.pk,
            "code": "460103",
            "name": "数控技术",
            "system": "vocational",
            "catalog_version": "2021",
            "level": "高职专科",
            "category": {
                "id": major.category_id,
                "code": "46",
                "name": "装备制造大类",
                "node_type": "专业大类",
            },
            "major_class": {
                "id": major.major_class_id,
                "code": "4601",
                "name": "机械设计制造类",
                "node_type": "专业类",
            },
            "is_national_control": False,
            "is_active": True,
            "replaced_by": None,
        }
    ]


@pytest.mark.parametrize(
    ("_case", "params", "field", "message"),
    [
        (
            "unknown catalogue",
            {"catalog": "vocational-2019"},
            "catalog",
            "专业目录（catalog）的取值“vocational-2019”无效，可选：vocational-2021、"
            "vocational-2025-additions、undergraduate-2026、all。",
        ),
        (
            "unknown level",
            {"level": "研究生"},
            "level",
            "专业层次（level）的取值“研究生”无效，可选：中职、高职专科、职业本科、普通本科。",
        ),
        ("non-integer page", {"page": "abc"}, "page", "页码（page）必须是整数。"),
        ("page zero", {"page": "0"}, "page", "页码（page）不能小于1。"),
        ("bad flag", {"active": "maybe"}, "active", "是否现行有效（active）应为 true 或 false。"),
    ],
)
def test_rejects_a_bad_filter_naming_the_field(api_client, catalogs, _case, params, field, message):
    response = api_client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "提交的数据有误，请按提示修改。"
    assert body["extra"]["fields"] == {field: [message]}


def test_query_count_does_not_grow_with_the_page(
    api_client, catalogs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = api_client.get(URL, {"page_size": 200})
    assert len(response.json()["results"]) == 200
