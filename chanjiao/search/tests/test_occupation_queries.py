"""Occupation queries, field ranking and honest suggestions, on each backend and database."""

import pytest

from chanjiao.search.selectors import SearchParams, search_listings, search_suggest
from chanjiao.search.services import search_index_update
from chanjiao.search.tests.corpus import Item, _listing


@pytest.fixture
def posts(search_backend):
    """A nurse post whose title says 护士 only, and posts of a 护理用品 company that are not."""
    from chanjiao.accounts.tests.factories import UserFactory

    author = UserFactory()
    orgs: dict[str, object] = {}
    items = {
        "nurse": Item("nurse", "job", "病房值班员", "三班倒，负责住院病人照护。",
                      occupation="2-05-08-01", org="梧州人民医院"),
        "nurse_title": Item("nurse_title", "job", "外科护士", "持护士执业证书。",
                            org="梧州人民医院"),
        "supplies_sales": Item("supplies_sales", "job", "销售代表", "负责区域客户开发。",
                               occupation="4-01-02-01", org="梧州康宁护理用品有限公司"),
        "supplies_clerk": Item("supplies_clerk", "job", "仓库管理", "负责出入库登记。",
                               org="梧州康宁护理用品有限公司"),
        "star_title": Item("star_title", "job", "星河计划专员", "负责项目推进。",
                           org="梧州某某咨询有限公司", days_ago=30),
        "star_org": Item("star_org", "job", "行政专员", "负责日常行政。",
                         org="梧州星河贸易有限公司", days_ago=5),
    }  # fmt: skip
    listings = {key: _listing(item, author, orgs, "published") for key, item in items.items()}
    search_index_update(listing_ids=[listing.pk for listing in listings.values()])
    return listings


def _keys(posts, page):
    names = {listing.pk: key for key, listing in posts.items()}
    return [names[hit.listing.pk] for hit in page.hits]


def test_occupation_query_finds_posts_classified_to_it_not_the_company_name(posts):
    page = search_listings(params=SearchParams(q="护理"))

    keys = _keys(posts, page)
    # The 护士 post by its title (synonym), the other by its occupation (内科护士, 2-05-08).
    assert set(keys) == {"nurse", "nurse_title"}
    assert "supplies_sales" not in keys
    assert "supplies_clerk" not in keys


def test_title_match_ranks_before_an_occupation_only_match(posts):
    page = search_listings(params=SearchParams(q="护士"))

    assert _keys(posts, page) == ["nurse_title", "nurse"]


def test_title_match_outranks_organisation_name_match(posts):
    page = search_listings(params=SearchParams(q="星河"))

    # The organisation-name match is fresher, yet ranks below the title match.
    assert _keys(posts, page) == ["star_title", "star_org"]


def test_occupation_query_over_the_api_and_page(posts, client):
    body = client.get("/api/v1/search", {"q": "护理"}).json()
    page = client.get("/search/", {"q": "护理"}).content.decode()

    assert {hit["title"] for hit in body["results"]} == {"病房值班员", "外科护士"}
    assert "病房值班员" in page
    assert "销售代表" not in page


def test_occupation_query_with_only_company_name_matches_says_so(posts, client):
    gone = [posts["nurse"].pk, posts["nurse_title"].pk]
    posts["nurse"].delete()
    posts["nurse_title"].delete()
    search_index_update(listing_ids=gone)

    page = search_listings(params=SearchParams(q="护理"))
    html = client.get("/search/", {"q": "护理"}).content.decode()

    assert page.total == 0
    assert [(o.label, o.count) for o in page.organizations] == [("梧州康宁护理用品有限公司", 2)]
    assert "名称含“护理”的发布机构" in html


def test_suggestions_without_results_are_not_offered(posts, client):
    # 数控 finds nothing here; "cnc", 数控技术 … are close words that find nothing either.
    page = search_listings(params=SearchParams(q="数控"))
    html = client.get("/search/", {"q": "数控"}).content.decode()

    assert page.total == 0
    assert page.suggested == []
    assert "您是不是要找" not in html
    assert page.catalogs == []  # 数控 catalogue entries: no post is filed under them
    assert all(
        search_listings(params=SearchParams(q=s["text"])).total > 0
        for s in search_suggest(q="护理")
    )


def test_suggestions_carry_their_counts(posts):
    page = search_listings(params=SearchParams(q="星河计划员"))

    for correction in page.suggested:
        found = search_listings(params=SearchParams(q=correction.term)).total
        assert found == correction.count > 0
