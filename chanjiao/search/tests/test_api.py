"""The search API, autocomplete, the changes stream and the page, through HTTP, on each backend."""

import datetime
import json

import pytest
from django.utils import timezone

from chanjiao.listings import services
from chanjiao.listings.tests.factories import listing_make, reviewer_for


@pytest.mark.parametrize("_case", ["anonymous", "outsider", "recruiter"])
def test_everyone_sees_only_public_items(corpus, api_client, _case, request):
    client = api_client
    if _case != "anonymous":
        client.force_login(request.getfixturevalue(_case))

    response = client.get("/api/v1/search", {"q": "数控", "page_size": 50})

    assert response.status_code == 200
    titles = {hit["title"] for hit in response.json()["results"]}
    assert titles == {"数控车工", "数控技术兼职教师", "CNC精密加工服务"}


def test_returns_results_facets_and_highlights(corpus, api_client):
    response = api_client.get("/api/v1/search/", {"q": "护士", "facets": "kind,region"})

    body = response.json()
    assert response.status_code == 200
    # 护士 and its synonym 护理: the two nursing posts and the elderly-care post.
    assert body["total"] == 3
    assert body["terms"] == ["护士"]
    assert set(body["facets"]) == {"kind", "region"}
    assert {(f["value"], f["count"]) for f in body["facets"]["kind"]} == {
        ("job", 2),
        ("internship", 1),
    }
    nurse = next(hit for hit in body["results"] if hit["title"] == "临床护士")
    assert nurse["title_html"] == "临床<mark>护士</mark>"
    assert nurse["url"] == corpus["nurse_job"].get_absolute_url()


def test_zero_results_carry_suggestions(corpus, api_client):
    response = api_client.get("/api/v1/search", {"q": "煤化工", "region": "4504"})

    body = response.json()
    assert body["total"] == 0
    assert body["suggestions"]["wider"] == [{"name": "region", "label": "地区", "count": 3}]


@pytest.mark.parametrize(
    ("_case", "params", "field"),
    [
        ("deep page", {"page": 200}, "page"),
        ("bad sort", {"sort": "price"}, "sort"),
        ("unknown region", {"region": "99"}, "region"),
        ("personal kind", {"type": "jobseeker"}, "type"),
        ("bad salary", {"salary_min": "很多"}, "salary_min"),
        ("bad facet", {"facets": "colour"}, "facets"),
    ],
)
def test_rejects_bad_input_with_a_chinese_message(corpus, api_client, _case, params, field):
    response = api_client.get("/api/v1/search", params)

    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]


def test_searches_the_catalogues(corpus, api_client):
    response = api_client.get("/api/v1/search", {"q": "数控技术", "type": "major"})

    results = response.json()["results"]
    assert results[0]["name"] == "数控技术"
    assert {r["type"] for r in results} == {"major"}


def test_finds_occupations_by_alias(corpus, api_client):
    response = api_client.get("/api/v1/search", {"q": "厂长", "type": "occupation"})

    assert "企业经理" in [r["name"] for r in response.json()["results"]]


def test_suggests_catalogue_names_and_frequent_terms(corpus, api_client):
    response = api_client.get("/api/v1/search/suggest", {"q": "数控"})

    suggestions = response.json()
    assert response.status_code == 200
    assert ("数控技术", "major") in [(s["text"], s["type"]) for s in suggestions]


def _lines(response):
    return [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]


def test_streams_changes_with_tombstones(
    search_backend,
    api_client,
    recruiter,
    enterprise,
    wuzhou_gov,
    django_capture_on_commit_callbacks,
):
    since = timezone.now() - datetime.timedelta(seconds=1)
    reviewer = reviewer_for(wuzhou_gov)
    with django_capture_on_commit_callbacks(execute=True):
        kept = listing_make(
            kind="job", author=recruiter, organization=enterprise, reviewer=reviewer
        )
        closed = listing_make(
            kind="internship", author=recruiter, organization=enterprise, reviewer=reviewer
        )
        listing_make(kind="job", author=recruiter, organization=enterprise)  # a draft
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_close(actor=recruiter, listing=closed)

    response = api_client.get("/api/v1/search/changes", {"since": since.isoformat()})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    lines = {line["id"]: line for line in _lines(response)}
    assert set(lines) == {kept.pk, closed.pk}
    assert lines[kept.pk]["deleted"] is False
    assert lines[kept.pk]["title"] == "数控车工"
    assert lines[closed.pk] == {
        "id": closed.pk, "deleted": True, "changed_at": lines[closed.pk]["changed_at"],
    }  # fmt: skip


def test_changes_require_a_valid_time(search_backend, api_client):
    response = api_client.get("/api/v1/search/changes", {"since": "昨天"})

    assert response.status_code == 400
    assert "since" in response.json()["extra"]["fields"]


def test_page_shows_results_facets_and_keeps_the_query(corpus, client):
    response = client.get("/search/", {"q": "数控", "sort": "newest"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="数控"' in html
    assert "<mark>数控</mark>车工" in html
    assert "共找到 <strong>3</strong> 条" in html
    assert "?q=%E6%95%B0%E6%8E%A7&amp;sort=newest&amp;type=job" in html
    assert "草稿" not in html


def test_page_offers_help_when_nothing_is_found(corpus, client):
    response = client.get("/search/", {"q": "煤化工", "region": "4504"})

    html = response.content.decode()
    assert "没有找到符合条件的信息" in html
    assert "去掉“地区”筛选（3 条）" in html


def test_page_shows_input_errors(corpus, client):
    response = client.get("/search/", {"page": "500"})

    assert response.status_code == 400
    assert "最多只能翻到第 101 页" in response.content.decode()


def test_skips_facet_counts_when_asked(corpus, api_client):
    response = api_client.get("/api/v1/search", {"q": "数控", "facets": "none"})

    assert response.json()["facets"] == {}
    assert response.json()["total"] == 3
