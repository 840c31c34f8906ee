"""One source of truth for each policy number (issue 12, item 4).

梧州 （六）'s 30 people and 3 years live in the locality's profile only; the rule reads them at
each evaluation, so editing the profile (API, page or service) changes the next run. A rule's
number can only be changed there; a missing or unsuitable profile value is reported, never
skipped. 梧州's fifth condition (办学水平低) needs data the platform does not hold and says so.
"""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from chanjiao.catalogs.models import Region
from chanjiao.early_warning.models import WarningFlag, WarningRule
from chanjiao.early_warning.params import RuleDataError
from chanjiao.early_warning.services import warning_rules_load
from chanjiao.early_warning.tests.conftest import (
    employment,
    evaluate,
    flagged,
    only_rules,
    stats,
)
from chanjiao.localities.models import PolicyParameter
from chanjiao.localities.services import localities_load, policy_parameter_update
from chanjiao.organizations.tests.factories import SchoolFactory

RULE = "wz-low-enrollment"
SOFTWARE = "510203"  # 软件技术
BELOW_KEY = "major-warning-enrollment-below"
YEARS_KEY = "major-warning-consecutive-years"


def _parameter_url(locality: Any, key: str) -> str:
    return f"/api/v1/localities/{locality.pk}/parameters/{key}/"


def _page_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def enrolled_25(rules, wuzhou_school) -> None:
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2023: 25, 2024: 25, 2025: 25})


def test_a_profile_edit_through_the_api_changes_the_next_warning_run(
    enrolled_25, officer, wz, wuzhou_officer
):
    evaluate(officer)
    flag = flagged(officer)[("梧州职业学院", SOFTWARE)]
    assert flag["evidence"]["threshold"]["enrollment_below"] == 30
    assert flag["summary"].endswith("年均低于 30 人")

    response = officer.patch(_parameter_url(wz, BELOW_KEY), {"value": 20}, format="json")
    assert response.status_code == 200, response.json()
    run = evaluate(officer)

    assert flagged(officer) == {}
    assert run["flags_raised"] == 0
    assert not WarningFlag.objects.filter(rule__key=RULE).exists()

    officer.patch(_parameter_url(wz, BELOW_KEY), {"value": 26}, format="json")
    evaluate(officer)
    flag = flagged(officer)[("梧州职业学院", SOFTWARE)]
    assert flag["evidence"]["threshold"]["enrollment_below"] == 26
    assert flag["evidence"]["sources"]["enrollment_below"]["rule_text"] == "低于26人"
    page = _page_client(wuzhou_officer).get(f"/warnings/flags/{flag['id']}/").content.decode()
    assert "阈值来源" in page
    assert "专业预警：年均招生规模低于（特殊专业除外）：低于26人" in page


def test_a_profile_edit_on_the_locality_page_changes_the_next_run(
    enrolled_25, officer, wz, wuzhou_officer
):
    evaluate(officer)
    assert list(flagged(officer)) == [("梧州职业学院", SOFTWARE)]
    parameter = PolicyParameter.objects.get(locality=wz, key=BELOW_KEY)

    response = _page_client(wuzhou_officer).post(
        f"/localities/{wz.pk}/parameters/{BELOW_KEY}/edit/",
        {
            "label": parameter.label,
            "comparison": parameter.comparison,
            "value": "20",
            "unit": parameter.unit,
            "clause": parameter.clause,
            "quote": parameter.quote,
        },
    )
    assert response.status_code == 302

    evaluate(officer)
    assert flagged(officer) == {}


def test_the_years_come_from_the_profile_too(rules, officer, wz, wuzhou_officer, wuzhou_school):
    only_rules(RULE)
    stats(wuzhou_school, SOFTWARE, {2023: 50, 2024: 10, 2025: 10})  # 3 years: 23.3; 2 years: 10
    stats(wuzhou_school, "520201", {2024: 10, 2025: 10})  # offered for two years only
    evaluate(officer)
    assert list(flagged(officer)) == [("梧州职业学院", SOFTWARE)]

    parameter = PolicyParameter.objects.get(locality=wz, key=YEARS_KEY)
    policy_parameter_update(actor=wuzhou_officer, parameter=parameter, data={"value": "2"})
    evaluate(officer)

    found = flagged(officer)
    assert sorted(found) == [("梧州职业学院", SOFTWARE), ("梧州职业学院", "520201")]
    assert found[("梧州职业学院", SOFTWARE)]["evidence"]["years"] == [2024, 2025]


def test_a_rule_edit_cannot_copy_a_profile_number_into_the_rule(rules, officer, wz):
    rule = WarningRule.objects.get(key=RULE)
    before = dict(rule.params)

    response = officer.patch(
        f"/api/v1/warnings/rules/{rule.pk}/",
        {"params": {"enrollment_below": 25, "consecutive_years": 3, "basis": "average"}},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["extra"]["errors"]
    assert errors == [
        "params.enrollment_below: 该数值取自梧州市地区配置参数“专业预警：年均招生规模低于"
        f"（特殊专业除外）”（（六）），请在地区配置中修改（/localities/{wz.pk}/），不在规则中另设",
        "params.consecutive_years: 该数值取自梧州市地区配置参数“专业预警：年均招生规模不足的"
        f"连续年数”（（六）），请在地区配置中修改（/localities/{wz.pk}/），不在规则中另设",
    ]
    rule.refresh_from_db()
    assert rule.params == before


def test_the_rule_pages_show_the_profile_value_and_where_it_comes_from(
    rules, officer, wz, wuzhou_officer
):
    client = _page_client(wuzhou_officer)
    page = client.get("/warnings/rules/", {"locality": wz.pk}).content.decode()
    assert "连续 3 年年均实际招生人数低于 30 人的专业点" in page
    link = f'<a href="/localities/{wz.pk}/">梧州市地区配置</a>'
    assert f"{link}参数“专业预警：年均招生规模低于" in page

    officer.patch(_parameter_url(wz, BELOW_KEY), {"value": 20}, format="json")
    rule = WarningRule.objects.get(key=RULE)
    page = client.get("/warnings/rules/", {"locality": wz.pk}).content.decode()
    assert "连续 3 年年均实际招生人数低于 20 人的专业点" in page
    edit_page = client.get(f"/warnings/rules/{rule.pk}/edit/").content.decode()
    assert "连续 3 年年均实际招生人数低于 20 人的专业点" in edit_page
    assert 'name="p_enrollment_below" value="20"' in edit_page
    assert "请在地区配置中修改" in edit_page


def test_a_missing_or_unsuitable_profile_value_is_reported_not_skipped(
    enrolled_25, officer, wz, wuzhou_officer
):
    officer.patch(_parameter_url(wz, YEARS_KEY), {"value": "2.5"}, format="json")
    run = evaluate(officer)
    assert run["flags_raised"] == 0
    assert run["insufficient"][0] == {
        "rule": RULE,
        "rule_name": "连续3年年均招生规模不足30人",
        "reason": "规则参数无法从地区配置读取，暂不能评估：params.consecutive_years: 应为整数，"
        "现为 2.5（取自地区配置参数“专业预警：年均招生规模不足的连续年数”）",
    }

    assert officer.delete(_parameter_url(wz, BELOW_KEY)).status_code == 204
    response = _page_client(wuzhou_officer).post(
        "/warnings/runs/", {"locality": wz.pk, "year": 2025}, follow=True
    )
    page = response.content.decode()
    assert "规则“连续3年年均招生规模不足30人”：规则参数无法从地区配置读取，暂不能评估" in page
    assert "地区配置中没有参数“major-warning-enrollment-below”" in page
    rules_page = _page_client(wuzhou_officer).get("/warnings/rules/", {"locality": wz.pk})
    assert "地区配置中没有参数“major-warning-enrollment-below”，暂不能评估" in (
        rules_page.content.decode()
    )


def test_wuzhou_has_the_five_conditions_of_its_clause_and_putuo_none(rules, localities):
    by_locality: dict[str, list[str]] = {}
    for rule in WarningRule.objects.select_related("locality").order_by("order"):
        by_locality.setdefault(rule.locality.name, []).append(rule.name)

    assert by_locality["梧州市"] == [
        "连续3年年均招生规模不足30人",
        "专业设置雷同",
        "与区域产业不匹配",
        "办学水平低",
        "就业质量差",
    ]
    assert len(by_locality["双鸭山市"]) == 3
    assert len(by_locality["五华区"]) == 2
    assert len(by_locality["北京市"]) == 1
    # 普陀's plan names no warning condition (二（三）6 only steers majors by published demand).
    assert "普陀区" not in by_locality


def test_school_quality_says_the_data_is_missing_and_flags_nobody(
    rules, officer, wz, wuzhou_officer, wuzhou_school
):
    only_rules("wz-school-quality")
    stats(wuzhou_school, SOFTWARE, {2025: 5})

    run = evaluate(officer)

    assert run["flags_raised"] == 0
    assert run["insufficient"] == [
        {
            "rule": "wz-school-quality",
            "rule_name": "办学水平低",
            "reason": "缺少专业办学水平评价数据（如职业院校内部质量保证体系诊断与改进结果），"
            "暂不能评估",
        }
    ]
    page = _page_client(wuzhou_officer).get("/warnings/rules/", {"locality": wz.pk})
    assert "暂不能评估</span> 缺少专业办学水平评价数据" in page.content.decode()
    out = StringIO()
    call_command("evaluate_warnings", "--locality", "梧州市", "--year", "2025", stdout=out)
    assert "规则 wz-school-quality 未评估：缺少专业办学水平评价数据" in out.getvalue()


SIXTH = {
    "name": "柳州市",
    "region_code": "4502",
    "document_title": "柳州市产教融合实施方案（测试）",
    "parameters": [
        {
            "key": "major-warning-employment-rate-below",
            "label": "专业预警：毕业去向落实率低于",
            "comparison": "lt",
            "value": "70",
            "unit": "%",
            "clause": "（六）",
            "quote": "毕业去向落实率连续2年低于70%的专业予以预警。",
        },
        {
            "key": "major-warning-employment-years",
            "label": "专业预警：就业不达标连续年数",
            "comparison": "eq",
            "value": "2",
            "unit": "年",
            "clause": "（六）",
            "quote": "毕业去向落实率连续2年低于70%的专业予以预警。",
        },
    ],
}


def _sixth_rule(**params: Any) -> dict[str, Any]:
    return {
        "locality": "柳州市",
        "key": "lz-low-employment",
        "name": "毕业去向落实率连续2年低于70%",
        "rule_type": "low_employment",
        "params": {
            "indicator": "employment_rate",
            "below": {"parameter": "major-warning-employment-rate-below"},
            "consecutive_years": {"parameter": "major-warning-employment-years"},
            **params,
        },
        "level": "warning",
        "clause": "（六）",
        "quote": "毕业去向落实率连续2年低于70%的专业予以预警。",
    }


def test_a_sixth_locality_added_as_data_gets_the_same_treatment(localities, staff_user, client_for):
    localities_load(data={"localities": [SIXTH]}, actor=None)
    warning_rules_load(data={"rules": [_sixth_rule()]})
    school = SchoolFactory(name="柳州职业技术学院", region=Region.objects.get(code="4502"))
    stats(school, SOFTWARE, {2024: employment(100, 69), 2025: employment(100, 69)})
    stats(school, "520201", {2024: employment(100, 75), 2025: employment(100, 75)})
    staff = client_for(staff_user)

    evaluate(staff, locality="柳州市")

    found = flagged(staff, rule="lz-low-employment")
    assert list(found) == [("柳州职业技术学院", SOFTWARE)]
    evidence = found[("柳州职业技术学院", SOFTWARE)]["evidence"]
    assert evidence["threshold"] == {"below": 0.7, "consecutive_years": 2}  # 70% read as 0.7
    assert evidence["sources"]["below"]["rule_text"] == "低于70%"

    parameter = PolicyParameter.objects.get(key="major-warning-employment-rate-below")
    policy_parameter_update(actor=staff_user, parameter=parameter, data={"value": "80"})
    evaluate(staff, locality="柳州市")
    assert sorted(flagged(staff, rule="lz-low-employment")) == [
        ("柳州职业技术学院", SOFTWARE),
        ("柳州职业技术学院", "520201"),
    ]


def test_rules_naming_a_parameter_the_profile_lacks_are_refused_on_load(localities):
    localities_load(data={"localities": [SIXTH]}, actor=None)
    rule = _sixth_rule(below={"parameter": "no-such-parameter"})

    with pytest.raises(RuleDataError) as error:
        warning_rules_load(data={"rules": [rule]})

    assert error.value.errors == ["rules[0].params.below: 地区配置中没有参数“no-such-parameter”"]
    assert not WarningRule.objects.filter(locality__name="柳州市").exists()
