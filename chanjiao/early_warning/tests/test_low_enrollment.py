"""梧州 （六）: 连续3年年均招生规模不足30人（特殊专业除外）, through the API."""

from chanjiao.early_warning.tests.conftest import evaluate, flagged, only_rules, stats

RULE = "wz-low-enrollment"
BELOW = {"parameter": "major-warning-enrollment-below"}
YEARS = {"parameter": "major-warning-consecutive-years"}
SOFTWARE = "510203"  # 软件技术
NURSING = "520201"  # 护理
CRAFTS = "550304"  # 民族传统技艺 (exempt by default)


def _rule_id(officer):
    rules = officer.get("/api/v1/warnings/rules/", {"locality": "梧州市"}).json()["results"]
    return next(r["id"] for r in rules if r["key"] == RULE)


def test_average_just_below_30_is_flagged_and_exactly_30_is_not(
    rules, officer, wuzhou_school, other_school
):
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2023: 29, 2024: 30, 2025: 30})  # 89 / 3 = 29.67
    stats(other_school, SOFTWARE, {2023: 30, 2024: 30, 2025: 30})  # exactly 30

    run = evaluate(officer)

    found = flagged(officer, year=2025)
    assert list(found) == [("梧州职业学院", SOFTWARE)]
    flag = found[("梧州职业学院", SOFTWARE)]
    assert flag["level"] == "reduce"
    assert flag["level_label"] == "调减"
    assert flag["clause"] == "（六）"
    assert flag["evidence"] == {
        "years": [2023, 2024, 2025],
        "actual_enrollment": {"2023": 29.0, "2024": 30.0, "2025": 30.0},
        "average": 29.6667,
        "threshold": {"enrollment_below": 30, "consecutive_years": 3, "basis": "average"},
        "sources": flag["evidence"]["sources"],
    }
    # Both numbers are read from 梧州's profile; the evidence names the parameters.
    sources = flag["evidence"]["sources"]
    assert sources["enrollment_below"]["parameter"] == "major-warning-enrollment-below"
    assert sources["enrollment_below"]["rule_text"] == "低于30人"
    assert sources["consecutive_years"]["parameter"] == "major-warning-consecutive-years"
    assert sources["consecutive_years"]["clause"] == "（六）"
    assert flag["summary"] == "2023—2025年实际招生 29、30、30 人，年均 29.7 人，年均低于 30 人"
    assert run["flags_raised"] == 1
    assert run["counts"] == {f"{RULE}:reduce": 1}


def test_ten_year_average_of_29_9_is_flagged_and_30_0_is_not(
    rules, officer, wz, wuzhou_school, other_school
):
    only_rules(RULE)
    # The number of years lives in the locality's profile: it is edited there.
    response = officer.patch(
        f"/api/v1/localities/{wz.pk}/parameters/major-warning-consecutive-years/",
        {"value": 10},
        format="json",
    )
    assert response.status_code == 200, response.json()
    stats(wuzhou_school, SOFTWARE, dict.fromkeys(range(2016, 2026), 30) | {2016: 29})  # 299
    stats(other_school, SOFTWARE, dict.fromkeys(range(2016, 2026), 30))  # 300

    evaluate(officer)

    found = flagged(officer)
    assert list(found) == [("梧州职业学院", SOFTWARE)]
    assert found[("梧州职业学院", SOFTWARE)]["evidence"]["average"] == 29.9


def test_two_low_years_are_not_enough_three_are(rules, officer, wuzhou_school, other_school):
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2024: 10, 2025: 10})  # offered for two years only
    stats(other_school, SOFTWARE, {2023: 10, 2024: 10, 2025: 10})

    run = evaluate(officer)

    assert list(flagged(officer)) == [("梧州医学高等专科学校", SOFTWARE)]
    lacking = [i for i in run["insufficient"] if i["school_id"] == wuzhou_school.pk]
    assert lacking == [
        {
            "rule": RULE,
            "school_id": wuzhou_school.pk,
            "major_id": lacking[0]["major_id"],
            "reason": "缺少2023年实际招生数，不足连续3年",
        }
    ]


def test_a_high_year_lifts_the_average_but_not_the_each_year_reading(rules, officer, wuzhou_school):
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2023: 10, 2024: 10, 2025: 80})  # average 33.3
    stats(wuzhou_school, NURSING, {2023: 10, 2024: 10, 2025: 31})  # average 17, one year ≥ 30

    evaluate(officer)
    assert list(flagged(officer)) == [("梧州职业学院", NURSING)]

    params = {"enrollment_below": BELOW, "consecutive_years": YEARS, "basis": "each_year"}
    response = officer.patch(
        f"/api/v1/warnings/rules/{_rule_id(officer)}/", {"params": params}, format="json"
    )
    assert response.status_code == 200, response.json()
    evaluate(officer)
    assert flagged(officer) == {}


def test_exempt_special_major_is_not_flagged_until_the_exemption_is_removed(
    rules, officer, wuzhou_school
):
    only_rules(RULE)
    stats(wuzhou_school, CRAFTS, {2023: 5, 2024: 5, 2025: 5})
    stats(wuzhou_school, SOFTWARE, {2023: 5, 2024: 5, 2025: 5})

    evaluate(officer)
    assert list(flagged(officer)) == [("梧州职业学院", SOFTWARE)]

    rule_url = f"/api/v1/warnings/rules/{_rule_id(officer)}/"
    exempt = [m["code"] for m in officer.get(rule_url).json()["exempt_majors"]]
    assert CRAFTS in exempt
    remaining = [code for code in exempt if code != CRAFTS]
    officer.patch(rule_url, {"exempt_majors": remaining}, format="json")
    evaluate(officer)
    assert sorted(flagged(officer)) == [("梧州职业学院", SOFTWARE), ("梧州职业学院", CRAFTS)]
