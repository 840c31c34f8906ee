"""Entry by name: codes and Chinese names resolve to one catalogue row, or say why not."""

import pytest

from chanjiao.catalogs.resolve import CatalogIndex, catalog_resolve, catalog_suggest

pytestmark = pytest.mark.django_db


def _both(kind, text):
    """Resolve through the database and through the preloaded index; both must agree."""
    one = catalog_resolve(kind, text)
    bulk = catalog_resolve(kind, text, index=CatalogIndex.load())
    assert (one.row, one.error) == (bulk.row, bulk.error)
    return one


@pytest.mark.parametrize(
    "text", ["万秀区", "梧州市万秀区", "广西梧州市万秀区", "广西壮族自治区梧州市万秀区", "450403"]
)
def test_a_region_by_name_full_name_or_code(catalogs, text):
    found = _both("region", text)

    assert found.ok
    assert found.row.code == "450403"


def test_an_ambiguous_region_lists_the_candidates_with_codes(catalogs):
    found = _both("region", "市辖区")

    assert not found.ok
    assert found.error_code == "ambiguous"
    assert found.error.startswith("“市辖区”对应多个地区：北京市市辖区（1101）、")
    assert found.error.endswith("请填写代码或带上级名称的全称。")
    assert _both("region", "北京市市辖区").row.code == "1101"


def test_unknown_name_and_unknown_code_are_told_apart(catalogs):
    assert _both("region", "火星区").error == "未找到名为“火星区”的地区，请检查名称或填写地区代码。"
    assert _both("region", "999999").error == "未知的地区代码：999999。"


@pytest.mark.parametrize(
    "text", ["护理（高职专科）", "护理(高职专科)", "高职护理", "护理 高职专科", "520201"]
)
def test_a_major_with_its_level(catalogs, text):
    assert _both("major", text).row.code == "520201"


def test_a_major_name_of_several_levels_is_ambiguous(catalogs):
    found = _both("major", "护理")

    assert found.error_code == "ambiguous"
    assert "护理（高职专科，520201）" in found.error
    assert "如“护理（高职专科）”" in found.error


def test_an_occupation_by_name_alias_or_name_with_code(catalogs):
    assert _both("occupation", "车工").row.code == "6-18-01-01"
    assert _both("occupation", "车工（6-18-01-01）").row.code == "6-18-01-01"
    # A name shared by a 小类 and its own 细类 means the 细类.
    assert _both("occupation", "制药工程技术人员").row.level == "细类"
    alias = _both("occupation", "动力总成工程师")
    assert alias.row.code == "2-02-07-11"
    assert alias.matched_by == "alias"


def test_a_name_that_contradicts_its_code_is_refused(catalogs):
    found = _both("occupation", "焊工（6-18-01-01）")

    assert found.error_code == "mismatch"
    assert "代码 6-18-01-01 是“车工（6-18-01-01）”" in found.error


def test_an_industry_by_name_prefers_the_most_specific_row(catalogs):
    assert _both("industry", "中成药生产").row.code == "2740"
    assert _both("industry", "c").row.code == "C"


def test_suggestions_give_values_the_resolver_reads_back(catalogs):
    for kind, query in (("region", "万秀"), ("major", "护理"), ("occupation", "车工")):
        suggestions = catalog_suggest(kind, query)
        assert 0 < len(suggestions) <= 20
        for suggestion in suggestions:
            assert catalog_resolve(kind, suggestion.value).row.code == suggestion.code
    assert catalog_suggest("region", "万秀")[0].label == "广西壮族自治区梧州市万秀区（450403）"
