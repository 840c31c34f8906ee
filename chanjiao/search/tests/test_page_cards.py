"""The search page as people see it: results as cards, facets folded on phones, place names."""

import re

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.listings.models import ListingStatus
from chanjiao.search.services import search_index_rebuild
from chanjiao.search.tests.corpus import Item, _listing


def test_results_are_cards_with_publisher_place_and_pay(corpus, client):
    html = client.get("/search/", {"q": "六堡茶制茶"}).content.decode()

    cards = re.findall(r'<article class="post-card.*?</article>', html, flags=re.S)
    job = next(card for card in cards if f'data-id="{corpus["liubao_job"].pk}"' in card)
    assert "<mark>" in job  # the highlighted title
    assert '<p class="post-card__org">梧州六堡茶业有限公司</p>' in job
    assert "梧州市 万秀区" in job
    assert "5,000–8,000 元/月" in job
    assert corpus["liubao_job"].published_at.strftime("%Y-%m-") in job
    # Facets fold into a <details> above the results; the script opens it on a wide screen.
    assert '<details class="search-facets" id="facets" data-open-wide' in html
    assert html.index('id="facets"') < html.index('id="results"')
    assert "<table" not in html


def test_a_municipality_region_facet_shows_the_city_not_its_districts_entry(
    search_backend, client, catalogs
):
    orgs: dict[str, object] = {}
    author = UserFactory(username="beijing_author")
    for n, district in enumerate(("110105", "110108")):
        item = Item(f"bj{n}", "job", f"北京数控车工{n}", "数控车床操作", region=district)
        _listing(item, author, orgs, ListingStatus.PUBLISHED)
    search_index_rebuild(backend=search_backend)

    html = client.get("/search/", {"q": "数控"}).content.decode()
    region_block = html[html.index("<h3>地区") :]
    region_block = region_block[: region_block.index("</ul>")]

    assert '>北京市</a> <span class="muted">2</span>' in region_block
    assert "市辖区" not in region_block
    drilled = client.get("/search/", {"q": "数控", "region": "11"}).content.decode()
    assert "市辖区" not in drilled[drilled.index("<h3>地区") :]


def test_an_empty_search_without_filters_says_nothing_is_published(search_backend, client):
    html = client.get("/search/").content.decode()

    assert "目前还没有公开发布的信息。" in html
    assert "请放宽筛选条件" not in html


@pytest.mark.parametrize("query", [{"q": "数控", "education": "doctorate"}])
def test_an_empty_filtered_search_offers_to_widen(corpus, client, query):
    html = client.get("/search/", query).content.decode()

    assert "没有找到符合条件的信息。" in html
    assert "去掉“" in html or "请放宽筛选条件" in html
