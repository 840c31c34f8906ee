"""Filters (with their hierarchies), facet counts, sorting, paging — on every backend."""

import pytest

from chanjiao.common.exceptions import ApplicationError
from chanjiao.search.selectors import SearchParams, search_listings


def _keys(corpus, page):
    names = {listing.pk: key for key, listing in corpus.items()}
    return [names[hit.listing.pk] for hit in page.hits]


def _search(**params):
    return search_listings(params=SearchParams(**{"page_size": 50, **params}))


def _facet(page, name):
    return {value.value: value.count for value in page.facets[name]}


def test_counts_facet_values_of_the_matching_items(corpus):
    page = _search(q="煤化工")

    assert page.total == 3
    assert _facet(page, "kind") == {"job": 1, "rnd": 1, "internship": 1}
    assert _facet(page, "region") == {"2305": 3}
    assert _facet(page, "industry") == {"C": 2}
    assert _facet(page, "occupation") == {"6": 1}
    assert _facet(page, "major") == {"470205": 1}
    assert _facet(page, "salary") == {"3000": 1, "5000": 1, "8000": 1}
    assert _facet(page, "published") == {"30": 3, "90": 3, "365": 3}
    assert _facet(page, "organization") == {str(corpus["coal_job"].organization_id): 3}


def test_region_facet_drills_down_below_the_filter(corpus):
    page = _search(q="煤化工", region="2305")

    assert _facet(page, "region") == {"230502": 1}


def test_city_filter_includes_its_districts(corpus):
    page = _search(q="六堡茶", region="4504")

    assert set(_keys(corpus, page)) == {"liubao_job", "liubao_training", "tea_rnd"}


def test_district_filter_excludes_items_placed_at_the_city(corpus):
    page = _search(q="六堡茶", region="450403")

    assert _keys(corpus, page) == ["liubao_job"]


def test_industry_section_includes_its_children(corpus):
    page = _search(industry="C")

    expected = {"liubao_job", "tea_intern", "robot_job", "coal_job", "coal_rnd", "pharma_job"}
    assert set(_keys(corpus, page)) == expected | {"cnc_job", "ev_job", "tea_rnd"}
    assert _facet(page, "industry") == {"15": 3, "25": 2, "27": 1, "34": 2, "36": 1}


def test_industry_code_is_a_prefix(corpus):
    page = _search(industry="153")

    assert set(_keys(corpus, page)) == {"liubao_job", "tea_intern", "tea_rnd"}


def test_occupation_and_major_filters_match_by_prefix(corpus):
    assert set(_keys(corpus, _search(occupation="6-18"))) == {"cnc_job", "welder_job"}
    assert set(_keys(corpus, _search(major="46"))) == {
        "robot_job", "robot_coop", "robot_base", "cnc_job", "cnc_mentor", "ev_job", "mech_grads",
    }  # fmt: skip


def test_type_salary_and_education_filters(corpus):
    page = _search(type="job", salary_min=10000)

    assert set(_keys(corpus, page)) == {"robot_job", "cbec_job", "software_job", "ev_job"}
    assert set(_keys(corpus, _search(type="rnd,tech_service", q="研发"))) <= {
        "coal_rnd", "software_rnd", "tea_rnd",
    }  # fmt: skip


def test_sorts_by_salary_then_id(corpus):
    page = _search(type="job", sort="salary", page_size=3)

    assert _keys(corpus, page) == ["software_job", "robot_job", "ev_job"]


def test_pages_do_not_overlap_and_cover_all(corpus):
    first = search_listings(params=SearchParams(sort="newest", page_size=20, page=1))
    second = search_listings(params=SearchParams(sort="newest", page_size=20, page=2))
    ids = [h.listing.pk for h in first.hits] + [h.listing.pk for h in second.hits]

    assert first.total == 35
    assert len(ids) == len(set(ids)) == 35


def test_refuses_paging_beyond_two_thousand_results(corpus):
    with pytest.raises(ApplicationError) as error:
        search_listings(params=SearchParams(page=102))

    assert "最多只能翻到第 101 页" in error.value.message


def test_rejects_unknown_catalogue_codes_naming_the_field(corpus):
    with pytest.raises(ApplicationError) as error:
        search_listings(params=SearchParams(region="999999"))

    assert error.value.extra == {"fields": {"region": ["地区代码“999999”不存在，请从目录中选择。"]}}


def test_zero_results_suggest_wider_filters_and_terms(corpus):
    page = _search(q="煤化工", region="4504")

    assert page.total == 0
    assert [(w.name, w.count) for w in page.wider] == [("region", 3)]


def test_zero_results_suggest_a_catalogue_term(corpus):
    page = _search(q="数控技")

    assert "数控技术" in page.corrections or page.total > 0
