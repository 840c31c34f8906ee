"""Segmentation with the catalogue dictionary, and the rebuild command."""

from io import StringIO

from django.core.management import call_command

from chanjiao.search.selectors import SearchParams, search_listings
from chanjiao.search.text import lexicon


def test_keeps_catalogue_compounds_whole_in_queries(catalogs):
    terms = [t.text for t in lexicon().query_terms("工业机器人技术 跨境电子商务 新能源汽车")]

    assert terms == ["工业机器人技术", "跨境电子商务", "新能源汽车"]


def test_indexes_compounds_with_their_parts(catalogs):
    tokens = lexicon().index_tokens("招聘数控技术员")

    assert {"数控", "数控技术", "技术", "技术员"} <= set(tokens)


def test_folds_width_and_case_and_expands_synonyms(catalogs):
    (term,) = lexicon().query_terms("ＣＮＣ")

    assert term.text == "cnc"
    assert set(term.words) == {"cnc", "数控"}


def test_maps_an_occupation_alias_to_its_official_name_one_way(catalogs):
    (term,) = lexicon().query_terms("厂长")

    assert ("企业经理", 0.5) in term.alternatives


def test_rebuild_command_indexes_every_public_item(corpus, capsys):
    from chanjiao.search.backends import get_backend

    get_backend().clear()
    assert search_listings(params=SearchParams(q="六堡茶")).total == 0
    out = StringIO()

    call_command("rebuild_search_index", "--workers", "1", stdout=out)

    assert "已索引 35 条公开信息。" in out.getvalue()
    assert "35/35" in capsys.readouterr().err
    assert search_listings(params=SearchParams(q="六堡茶")).total == 3
