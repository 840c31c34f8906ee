import pytest

URL = "/api/v1/occupations/classify/"


@pytest.mark.parametrize(
    ("_case", "title", "expected_prefix"),
    [
        ("cnc_lathe", "数控车工", "6-18-01-01"),
        ("lathe", "车工", "6-18-01-01"),
        ("lathe_with_noise", "急聘车工（包吃住）", "6-18-01-01"),
        ("nurse", "护士", "2-05-08"),
        ("tea", "茶艺师", "4-03-02-07"),
    ],
)
def test_classifies_titles_for_anonymous_visitors(
    api_client, catalogs, _case, title, expected_prefix
):
    response = api_client.get(URL, {"title": title})

    assert response.status_code == 200
    body = response.json()
    assert body["code"].startswith(expected_prefix)
    assert body["level"] in ("细类", "小类")
    assert 0 < body["confidence"] <= 1
    assert 1 <= len(body["candidates"]) <= 5
    assert body["candidates"][0]["score"] >= body["candidates"][-1]["score"]
    assert body["classifier_version"].startswith("tfidf-ngram-alias")


def test_returns_name_of_the_code(api_client, catalogs):
    body = api_client.get(URL, {"title": "数控车工"}).json()

    assert (body["code"], body["name"], body["level"]) == ("6-18-01-01", "车工", "细类")


def test_description_helps_a_vague_title(api_client, catalogs):
    body = api_client.get(
        URL, {"title": "技术员", "description": "负责数控车床操作，按图纸车削轴类零件。"}
    ).json()

    assert body["code"].startswith("6-18-01")


@pytest.mark.parametrize("params", [{}, {"title": ""}, {"title": "   "}])
def test_refuses_empty_title_in_chinese(api_client, catalogs, params):
    response = api_client.get(URL, params)

    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"title": ["请填写职位标题（title）。"]}


def test_refuses_overlong_title(api_client, catalogs):
    response = api_client.get(URL, {"title": "车" * 201})

    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"title": ["请确保这个字段不能超过 200 个字符。"]}


def test_anonymous_calls_are_throttled(api_client, catalogs, settings):
    from django.core.cache import cache

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "crosswalk_classify_anon": "2/min",
        },
    }
    cache.clear()
    try:
        codes = [api_client.get(URL, {"title": "车工"}).status_code for _ in range(3)]
        refused = api_client.get(URL, {"title": "车工"})
    finally:
        cache.clear()

    assert codes == [200, 200, 429]
    assert refused.json()["message"] == "请求过于频繁，请稍后再试。"
