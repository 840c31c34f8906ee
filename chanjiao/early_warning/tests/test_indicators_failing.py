"""五华 （五） evaluation variant: failing at least F of the listed indicators in the year."""

from decimal import Decimal

from chanjiao.early_warning.tests.conftest import evaluate, flagged, only_rules, stats
from chanjiao.organizations.tests.factories import SchoolFactory

RULE = "wh-indicators-failing"


def _year(*, employed: int, related: int, local: int, salary: int, actual: int) -> dict:
    return {
        "graduates": 100,
        "employed": employed,
        "further_study": 0,
        "employed_related": related,
        "employed_local": local,
        "avg_starting_salary": Decimal(salary),
        "planned_enrollment": 100,
        "actual_enrollment": actual,
    }


def test_two_failing_of_five_are_flagged_one_is_not(rules, staff, localities):
    only_rules(RULE)
    school = SchoolFactory(name="五华职业学校", region=localities["五华区"].region)
    # employment 79 % fails; related 40/79 = 50.6 % passes; local 23/79 = 29.1 % fails.
    stats(
        school, "510203", {2025: _year(employed=79, related=40, local=23, salary=3000, actual=70)}
    )
    # Only salary fails (2999 < 3000); every other figure sits exactly on its threshold.
    stats(
        school, "520201", {2025: _year(employed=80, related=40, local=24, salary=2999, actual=70)}
    )

    evaluate(staff, locality="五华区")

    found = flagged(staff, locality="五华区")
    assert list(found) == [(school.name, "510203")]
    evidence = found[(school.name, "510203")]["evidence"]
    assert evidence["failing"] == 2
    assert evidence["threshold"] == {"min_failing": 2, "of": 5}
    assert [(i["indicator"], i["failing"]) for i in evidence["indicators"]] == [
        ("employment_rate", True),
        ("related_employment_rate", False),
        ("local_employment_rate", True),
        ("avg_starting_salary", False),
        ("enrollment_fill_rate", False),
    ]
    assert found[(school.name, "510203")]["summary"] == (
        "2025年 5 项指标中 2 项不达标：毕业去向落实率 79.0%、本地就业率 29.1%"
    )
