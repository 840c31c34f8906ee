import pytest

from chanjiao.catalogs.models import Industry
from chanjiao.demo.services.majors import area_industries, level_pools

pytestmark = pytest.mark.django_db


def _wuzhou_key_industries() -> list[tuple[str, list[Industry]]]:
    every = list(Industry.objects.order_by("code"))
    return [
        ("六堡茶", area_industries(Industry.objects.get(code="1530"), every)),
        ("再生资源", area_industries(Industry.objects.get(code="42"), every)),
    ]


def test_ranks_key_industry_majors_first(catalogs):
    pools = level_pools(key_industries=_wuzhou_key_industries())

    higher = [m.name for m in pools["高职专科"].area]
    assert {"茶叶生产与加工技术", "茶艺与茶文化", "资源综合利用技术"} <= set(higher)
    secondary = [m.name for m in pools["中职"].area]
    assert {"循环农业与再生资源利用", "茶叶生产与加工", "茶艺与茶营销"} <= set(secondary)
    assert "茶学" in [m.name for m in pools["普通本科"].area]


def test_related_majors_share_a_class_with_area_majors(catalogs):
    pools = level_pools(key_industries=_wuzhou_key_industries())

    pool = pools["高职专科"]
    area_classes = {m.major_class_id for m in pool.area}
    assert {m.major_class_id for m in pool.related} <= area_classes
    assert not {m.pk for m in pool.related} & {m.pk for m in pool.area}
    assert not {m.pk for m in pool.common} & {m.pk for m in pool.area + pool.related}


def test_a_locality_without_key_industries_gets_only_common_majors(catalogs):
    pools = level_pools(key_industries=[])

    assert [len(pools[level].area) for level in ("中职", "高职专科", "职业本科", "普通本科")] == [
        0,
        0,
        0,
        0,
    ]
    assert len(pools["高职专科"].common) > 20


def test_area_follows_the_industry_tree(catalogs):
    every = list(Industry.objects.order_by("code"))

    codes = [i.code for i in area_industries(Industry.objects.get(code="42"), every)]

    assert codes == ["42", "421", "4210", "422", "4220"]
