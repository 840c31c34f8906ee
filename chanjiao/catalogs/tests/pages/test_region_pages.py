import pytest

from chanjiao.catalogs.models import Region

pytestmark = pytest.mark.django_db


def test_list_starts_with_the_provinces(client, catalogs):
    response = client.get("/catalogs/regions/")
    text = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 31
    assert '<a href="?parent=45">查看下级</a>' in text
    assert "来源：国家统计局2022年统计用区划代码（截至2022年10月31日）" in text


def test_list_shows_the_children_of_a_region(client, catalogs):
    response = client.get("/catalogs/regions/", {"parent": "4504"})
    text = response.content.decode()
    assert [r.code for r in response.context["page_obj"]] == [
        "450403",
        "450405",
        "450406",
        "450421",
        "450422",
        "450423",
        "450481",
    ]
    assert '<a href="?parent=45">广西壮族自治区</a> › ' in text
    assert "万秀区</a>" in text


def test_list_says_so_when_nothing_matches(client, catalogs):
    text = client.get("/catalogs/regions/", {"q": "不存在的地区"}).content.decode()
    assert "没有符合条件的地区。请放宽筛选条件" in text


def test_detail_shows_parent_and_children(client, catalogs):
    wuzhou = Region.objects.get(code="4504")
    province = Region.objects.get(code="45")
    response = client.get(f"/catalogs/regions/{wuzhou.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "<h1>广西壮族自治区梧州市（4504）</h1>" in text
    assert f'<a href="/catalogs/regions/{province.pk}/">广西壮族自治区</a> › 梧州市</nav>' in text
    assert [r.code for r in response.context["children"]][0] == "450403"
    assert len(response.context["children"]) == 7
