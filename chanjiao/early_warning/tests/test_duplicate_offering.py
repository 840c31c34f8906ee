"""梧州/双鸭山 （六）: 设置雷同 — more than M schools of the city offer the major in the year."""

from chanjiao.catalogs.models import Region
from chanjiao.early_warning.tests.conftest import evaluate, flagged, offer, only_rules, stats
from chanjiao.organizations.tests.factories import SchoolFactory

RULE = "wz-duplicate-offering"
ECOMMERCE = "530701"  # 电子商务


def _schools(count: int) -> list:
    city = Region.objects.get(code="4504")
    return [SchoolFactory(name=f"梧州第{i}职业学校", region=city) for i in range(1, count + 1)]


def test_exactly_m_schools_is_a_tie_and_not_flagged(rules, officer):
    only_rules(RULE)
    for school in _schools(3):
        offer(school, ECOMMERCE, 2025)

    run = evaluate(officer)

    assert flagged(officer) == {}
    assert run["pairs_evaluated"] == 3


def test_more_than_m_schools_flags_each_of_them_with_the_count(rules, officer, shuangyashan):
    only_rules(RULE)
    schools = _schools(4)
    for school in schools[:3]:
        offer(school, ECOMMERCE, 2025)
    stats(schools[3], ECOMMERCE, {2025: 40})  # offered, known from its figures
    offer(SchoolFactory(name="双鸭山职业学院", region=shuangyashan), ECOMMERCE, 2025)
    offer(schools[0], ECOMMERCE, 2024)  # another year does not count

    evaluate(officer)

    found = flagged(officer)
    assert sorted(found) == [(s.name, ECOMMERCE) for s in sorted(schools, key=lambda s: s.name)]
    evidence = found[(schools[0].name, ECOMMERCE)]["evidence"]
    assert evidence == {
        "years": [2025],
        "schools_offering": 4,
        "schools": sorted(s.name for s in schools),
        "threshold": {"max_schools": 3},
    }
    assert found[(schools[0].name, ECOMMERCE)]["level_label"] == "提示"
    assert found[(schools[0].name, ECOMMERCE)]["summary"] == (
        "2025年全市 4 所学校开设该专业，超过 3 所"
    )
