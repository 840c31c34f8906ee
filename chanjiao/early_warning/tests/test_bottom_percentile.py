"""五华 （五） variant: bottom P% of the locality's 专业点 for K years; ties documented."""

from decimal import Decimal

from chanjiao.early_warning.models import WarningRule
from chanjiao.early_warning.tests.conftest import employment, evaluate, flagged, only_rules, stats
from chanjiao.organizations.tests.factories import SchoolFactory

RULE = "wh-bottom-percentile"
CODES = [
    "510203",
    "520201",
    "530302",
    "530701",
    "510201",
    "510202",
    "510204",
    "510205",
    "510206",
    "510207",
]


def _school(localities):
    return SchoolFactory(name="昆明市第一职业中等专业学校", region=localities["五华区"].region)


def _ten_pairs(school, rates_2024: list[int], rates_2025: list[int]) -> None:
    for code, y2024, y2025 in zip(CODES, rates_2024, rates_2025, strict=True):
        stats(school, code, {2024: employment(100, y2024), 2025: employment(100, y2025)})


def test_lowest_of_ten_two_years_running_is_flagged_with_its_ranks(rules, staff, localities):
    only_rules(RULE)
    school = _school(localities)
    _ten_pairs(
        school, [50, 91, 92, 93, 94, 95, 96, 97, 98, 60], [55, 91, 92, 93, 94, 95, 96, 97, 98, 99]
    )

    evaluate(staff, locality="五华区")

    found = flagged(staff, locality="五华区")
    assert list(found) == [(school.name, "510203")]
    evidence = found[(school.name, "510203")]["evidence"]
    assert evidence["ranks"] == {
        "2024": {"value": 0.5, "rank": 1, "of": 10, "cut_count": 1, "cut_value": 0.5},
        "2025": {"value": 0.55, "rank": 1, "of": 10, "cut_count": 1, "cut_value": 0.55},
    }
    assert evidence["threshold"] == {"percent": 10, "consecutive_years": 2}


def test_a_tie_straddling_the_cut_off_flags_neither(rules, staff, localities):
    only_rules(RULE)
    school = _school(localities)
    rates = [50, 91, 92, 93, 94, 95, 96, 97, 98, 50]  # two tied at the bottom, cut-off is one
    _ten_pairs(school, rates, rates)

    evaluate(staff, locality="五华区")
    assert flagged(staff, locality="五华区") == {}

    rule = WarningRule.objects.get(key=RULE)
    params = {"indicator": "employment_rate", "percent": 20, "consecutive_years": 2}
    staff.patch(f"/api/v1/warnings/rules/{rule.pk}/", {"params": params}, format="json")
    evaluate(staff, locality="五华区")
    found = flagged(staff, locality="五华区")
    assert sorted(found) == [(school.name, "510203"), (school.name, "510207")]
    assert {f["evidence"]["ranks"]["2025"]["rank"] for f in found.values()} == {2}


def test_bottom_in_one_year_only_is_not_flagged(rules, staff, localities):
    only_rules(RULE)
    school = _school(localities)
    _ten_pairs(
        school, [99, 91, 92, 93, 94, 95, 96, 97, 98, 90], [50, 91, 92, 93, 94, 95, 96, 97, 98, 99]
    )

    evaluate(staff, locality="五华区")

    assert flagged(staff, locality="五华区") == {}


def test_indicator_with_salary_ranks_in_yuan(rules, staff, localities):
    only_rules(RULE)
    school = _school(localities)
    for index, code in enumerate(CODES):
        salary = {"avg_starting_salary": Decimal(3000 + 100 * index)}
        stats(school, code, {2024: salary, 2025: salary})
    rule = WarningRule.objects.get(key=RULE)
    params = {"indicator": "avg_starting_salary", "percent": 10, "consecutive_years": 2}
    staff.patch(f"/api/v1/warnings/rules/{rule.pk}/", {"params": params}, format="json")

    evaluate(staff, locality="五华区")

    found = flagged(staff, locality="五华区")
    assert list(found) == [(school.name, CODES[0])]
    assert found[(school.name, CODES[0])]["summary"] == (
        "2024—2025年平均起薪 3000元/月（10个专业点中第1低）、3000元/月（10个专业点中第1低），"
        "连续 2 年处于后 10%"
    )
