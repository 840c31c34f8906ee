"""双鸭山 （六） 就业连续不达标 / 梧州 （六） 就业质量差: below the rate K years running."""

from chanjiao.early_warning.models import WarningRule
from chanjiao.early_warning.tests.conftest import (
    employment,
    evaluate,
    flagged,
    only_rules,
    stats,
)
from chanjiao.organizations.tests.factories import SchoolFactory

RULE = "wz-low-employment"
SOFTWARE = "510203"
NURSING = "520201"
ACCOUNTING = "530302"  # 大数据与会计


def test_two_consecutive_years_below_80_percent_are_flagged(rules, officer, wuzhou_school):
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2024: employment(100, 79), 2025: employment(100, 79)})
    stats(wuzhou_school, NURSING, {2024: employment(100, 79), 2025: employment(100, 80)})
    stats(
        wuzhou_school,
        ACCOUNTING,
        {2023: employment(100, 50), 2024: employment(100, 90), 2025: employment(100, 50)},
    )

    evaluate(officer)

    found = flagged(officer)
    assert list(found) == [("梧州职业学院", SOFTWARE)]
    flag = found[("梧州职业学院", SOFTWARE)]
    assert flag["evidence"] == {
        "years": [2024, 2025],
        "indicator": "employment_rate",
        "values": {"2024": 0.79, "2025": 0.79},
        "graduates": {"2024": 100, "2025": 100},
        "threshold": {"below": 0.8, "consecutive_years": 2},
    }
    assert flag["summary"] == "2024—2025年毕业去向落实率 79.0%、79.0%，连续 2 年低于 80.0%"


def test_further_study_counts_as_placed(rules, officer, wuzhou_school):
    only_rules(RULE)
    year = employment(100, 70, further_study=10)  # (70 + 10) / 100 = 80 %: at the threshold
    stats(wuzhou_school, SOFTWARE, {2024: year, 2025: year})

    evaluate(officer)

    assert flagged(officer) == {}


def test_three_year_rule_needs_all_three_years_low(rules, staff, shuangyashan):
    only_rules("sys-related-employment")
    school = SchoolFactory(name="双鸭山职业技术学院", region=shuangyashan)
    low = employment(100, 80, employed_related=40)  # related 40 / 80 = 50 %: at the threshold
    lower = employment(100, 80, employed_related=39)
    stats(school, SOFTWARE, {2024: lower, 2025: lower})
    stats(school, NURSING, {2023: low, 2024: lower, 2025: lower})
    rule = WarningRule.objects.get(key="sys-related-employment")
    params = {"indicator": "related_employment_rate", "below": 0.5, "consecutive_years": 3}
    staff.patch(f"/api/v1/warnings/rules/{rule.pk}/", {"params": params}, format="json")

    run = evaluate(staff, locality="双鸭山市")

    assert run["flags_raised"] == 0
    stats(school, NURSING, {2023: lower})
    evaluate(staff, locality="双鸭山市")
    found = flagged(staff, locality="双鸭山市")
    assert list(found) == [("双鸭山职业技术学院", NURSING)]
    assert found[("双鸭山职业技术学院", NURSING)]["evidence"]["values"] == {
        "2023": 0.4875,
        "2024": 0.4875,
        "2025": 0.4875,
    }
