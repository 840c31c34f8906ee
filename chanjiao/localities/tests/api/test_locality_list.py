import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/localities"


def test_lists_the_five_localities_publicly_in_drf_shape(api_client, localities):
    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert (body["count"], body["next"], body["previous"]) == (5, None, None)
    assert [item["name"] for item in body["results"]] == [
        "北京市",
        "双鸭山市",
        "普陀区",
        "梧州市",
        "五华区",
    ]


def test_each_locality_carries_parameters_industries_and_institutions(api_client, localities):
    results = api_client.get(URL).json()["results"]
    wuzhou = next(item for item in results if item["name"] == "梧州市")

    assert wuzhou["region"] == {
        "code": "4504",
        "name": "梧州市",
        "full_name": wuzhou["region"]["full_name"],
        "level": "地级",
    }
    assert wuzhou["document_number"] == "梧政办发〔2024〕35号"
    assert wuzhou["issued_on"] == "2024-04-24"
    enrollment = next(
        p for p in wuzhou["parameters"] if p["key"] == "major-warning-enrollment-below"
    )
    assert enrollment == {
        "key": "major-warning-enrollment-below",
        "label": "专业预警：年均招生规模低于（特殊专业除外）",
        "comparison": "lt",
        "comparison_label": "低于",
        "value": 30,
        "value_max": None,
        "unit": "人",
        "rule": "低于30人",
        "clause": "（六）",
        "quote": enrollment["quote"],
    }
    tea = next(k for k in wuzhou["key_industries"] if k["label"] == "六堡茶")
    assert tea["industries"] == [
        {"code": "0164", "name": "茶叶种植", "level": "小类"},
        {"code": "1530", "name": "精制茶加工", "level": "小类"},
    ]
    assert tea["clause"] == "（一）"
    assert [i["name"] for i in wuzhou["institutions"]][:3] == [
        "梧州学院",
        "梧州职业学院",
        "梧州医学高等专科学校",
    ]


def test_list_answers_with_and_without_the_trailing_slash(api_client, localities):
    assert api_client.get(URL + "/").json() == api_client.get(URL).json()


def test_list_query_count_does_not_grow_with_the_data(
    api_client, localities, django_assert_num_queries
):
    # count, localities, parameters, key industries, their industries, institutions
    with django_assert_num_queries(6):
        api_client.get(URL)


def test_detail_returns_one_locality(api_client, wuzhou_locality):
    response = api_client.get(f"{URL}/{wuzhou_locality.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "梧州市"
    assert len(body["parameters"]) == 10
    assert len(body["key_industries"]) == 19
    assert len(body["institutions"]) == 6


def test_detail_of_a_missing_locality_is_404(api_client, localities):
    response = api_client.get(f"{URL}/999999/")

    assert response.status_code == 404
    assert response.json()["message"] == "未找到该资源，或您无权查看。"


def test_parameter_detail_is_public(api_client, wuzhou_locality):
    response = api_client.get(
        f"{URL}/{wuzhou_locality.pk}/parameters/internship-posts-share-of-workforce/"
    )

    assert response.status_code == 200
    assert (response.json()["value"], response.json()["rule"]) == (2, "2%")
