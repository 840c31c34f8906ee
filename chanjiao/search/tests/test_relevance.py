"""Relevance on the fixed labelled corpus: the expected items rank in the top 5 on every backend."""

import pytest

from chanjiao.search.selectors import SearchParams, search_listings
from chanjiao.search.tests.corpus import RELEVANCE


def _top(corpus, q, n=5, **params):
    page = search_listings(params=SearchParams(q=q, page_size=n, **params))
    keys = {listing.pk: key for key, listing in corpus.items()}
    return [keys[hit.listing.pk] for hit in page.hits], page


@pytest.mark.parametrize(("q", "expected"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_expected_items_rank_in_top_five(corpus, q, expected):
    top, _ = _top(corpus, q)

    assert expected <= set(top), f"{q}: {top}"


def test_relevance_set_has_at_least_thirty_queries():
    assert len(RELEVANCE) >= 30


def test_never_returns_drafts_profiles_closed_or_expired_items(corpus):
    top, page = _top(corpus, "数控", n=50)

    assert set(top) == {"cnc_job", "cnc_mentor", "cnc_service"}
    assert page.total == 3


def test_title_match_outranks_body_match(corpus):
    top, _ = _top(corpus, "焊工")

    assert top[0] == "welder_job"


def test_fresher_item_ranks_first_among_equal_texts(corpus, search_backend):
    from chanjiao.search.services import search_index_update
    from chanjiao.search.tests.corpus import Item, _listing

    author = corpus["cnc_job"].author
    old = _listing(
        Item("old", "job", "汽轮机检修工", "汽轮机检修", days_ago=200), author, {}, "published"
    )
    new = _listing(
        Item("new", "job", "汽轮机检修工", "汽轮机检修", days_ago=1), author, {}, "published"
    )
    search_index_update(listing_ids=[old.pk, new.pk])

    page = search_listings(params=SearchParams(q="汽轮机"))

    assert [hit.listing.pk for hit in page.hits] == [new.pk, old.pk]


def test_highlights_query_words_and_escapes_html(corpus):
    _, page = _top(corpus, "CNC")
    hit = next(h for h in page.hits if h.listing.pk == corpus["cnc_service"].pk)

    assert hit.title_html == "<mark>CNC</mark>精密加工服务"
    assert "五轴<mark>CNC</mark>加工" in hit.snippet_html


def test_snippet_escapes_markup_in_text():
    from chanjiao.search.snippets import highlight

    assert (
        highlight("<b>数控</b> & 车床", ["数控"])
        == "&lt;b&gt;<mark>数控</mark>&lt;/b&gt; &amp; 车床"
    )
