import pytest

from chanjiao.catalogs.models import Major, Occupation

pytestmark = pytest.mark.django_db


def test_list_shows_every_occupation_and_the_source(client, catalogs):
    response = client.get("/catalogs/occupations/")
    text = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2054
    assert "来源：人力资源社会保障部、国家市场监督管理总局、国家统计局" in text
    assert "《中华人民共和国职业分类大典（2022年版）》" in text


def test_list_searches_common_names(client, catalogs):
    response = client.get("/catalogs/occupations/", {"q": "首席执行官CEO"})
    assert [o.code for o in response.context["page_obj"]] == ["1-06-01-02"]


def test_list_walks_down_from_a_parent(client, catalogs):
    response = client.get("/catalogs/occupations/", {"parent": "6-18-01-00"})
    text = response.content.decode()
    assert response.context["page_obj"].paginator.count == 13
    assert "6-18-01-00 机械冷加工人员</a></nav>" in text
    assert "车工</a>" in text


def test_list_says_so_when_nothing_matches(client, catalogs):
    text = client.get("/catalogs/occupations/", {"parent": "9-99-99-99"}).content.decode()
    assert "没有符合条件的职业。请放宽筛选条件" in text


def test_detail_shows_parents_and_linked_majors(client, catalogs):
    lathe = Occupation.objects.get(code="6-18-01-01")
    response = client.get(f"/catalogs/occupations/{lathe.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert [p.code for p in response.context["parents"]] == [
        "6-00-00-00",
        "6-18-00-00",
        "6-18-01-00",
    ]
    assert "6-18-01-00 机械冷加工人员</a> › 车工</nav>" in text
    assert len(response.context["links"]) == 7
    cnc_app = Major.objects.get(system="vocational", catalog_version="2021", code="660103")
    assert f'<a href="/catalogs/majors/{cnc_app.pk}/">数控技术应用</a>' in text
    assert "依据较弱：由小类 6-18-01 展开" in text


def test_detail_lists_children(client, catalogs):
    group = Occupation.objects.get(code="6-18-01-00")
    response = client.get(f"/catalogs/occupations/{group.pk}/")
    assert "下级分类（13）" in response.content.decode()
