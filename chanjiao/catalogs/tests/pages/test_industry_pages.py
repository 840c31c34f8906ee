import pytest

from chanjiao.catalogs.models import Industry

pytestmark = pytest.mark.django_db


def test_list_starts_with_the_sections(client, catalogs):
    response = client.get("/catalogs/industries/")
    text = response.content.decode()
    assert response.status_code == 200
    assert [i.code for i in response.context["page_obj"]] == [chr(c) for c in range(65, 85)]
    assert '<a href="?parent=C">查看下级</a>' in text
    assert "来源：国家统计局《国民经济行业分类》（GB/T 4754-2017）" in text


def test_list_walks_down_the_tree(client, catalogs):
    response = client.get("/catalogs/industries/", {"parent": "153"})
    text = response.content.decode()
    assert [(i.code, i.name) for i in response.context["page_obj"]] == [("1530", "精制茶加工")]
    assert '<a href="?parent=C">C 制造业</a> › <a href="?parent=15">' in text


def test_list_searches_every_level(client, catalogs):
    response = client.get("/catalogs/industries/", {"q": "精制茶"})
    assert [i.code for i in response.context["page_obj"]] == ["15", "153", "1530"]


def test_list_says_so_when_nothing_matches(client, catalogs):
    text = client.get("/catalogs/industries/", {"q": "不存在的行业"}).content.decode()
    assert "没有符合条件的行业。请放宽筛选条件" in text


def test_detail_shows_breadcrumb_and_state(client, catalogs):
    tea = Industry.objects.get(code="1530")
    response = client.get(f"/catalogs/industries/{tea.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert [p.code for p in response.context["parents"]] == ["C", "15", "153"]
    assert "153 精制茶加工</a> › 精制茶加工</nav>" in text
    assert "<dt>目录版本</dt><dd>GB/T 4754-2017</dd>" in text
    assert "<dt>状态</dt><dd>现行有效</dd>" in text
    assert "小类是最末一级，没有下级分类。" in text


def test_detail_lists_children(client, catalogs):
    group = Industry.objects.get(code="153")
    tea = Industry.objects.get(code="1530")
    text = client.get(f"/catalogs/industries/{group.pk}/").content.decode()
    assert f'<a href="/catalogs/industries/{tea.pk}/">精制茶加工</a>' in text
