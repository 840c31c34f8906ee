"""The /warnings/ pages: the locality's flags, a school's own flags and answer, rule editing."""

import pytest
from django.test import Client

from chanjiao.audit.models import AuditEvent
from chanjiao.early_warning.models import FlagStatus, WarningFlag, WarningRule
from chanjiao.early_warning.tests.conftest import evaluate, only_rules, stats


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_flags(rules, officer, wuzhou_school, other_school):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", {2023: 10, 2024: 10, 2025: 10})
    stats(other_school, "520201", {2023: 20, 2024: 20, 2025: 20})
    evaluate(officer)


def test_officer_sees_the_locality_flags_with_level_and_evidence(two_flags, wuzhou_officer):
    page = _client(wuzhou_officer).get("/warnings/", {"year": 2025}).content.decode()

    assert '<span class="level level-reduce">调减</span>' in page
    assert "梧州职业学院" in page
    assert "梧州医学高等专科学校" in page
    assert "2023—2025年实际招生 10、10、10 人，年均 10.0 人，年均低于 30 人" in page
    assert "运行评估" in page


def test_school_sees_its_own_flag_and_answers_it(two_flags, school_admin):
    client = _client(school_admin)
    page = client.get("/warnings/").content.decode()
    assert "梧州职业学院" in page
    assert "梧州医学高等专科学校" not in page
    assert "运行评估" not in page
    flag = WarningFlag.objects.get(school__name="梧州职业学院")

    detail = client.get(f"/warnings/flags/{flag.pk}/").content.decode()
    assert "提交回应" in detail
    assert "关闭预警" not in detail
    response = client.post(
        f"/warnings/flags/{flag.pk}/", {"action": "respond", "text": "已调减招生计划。"}
    )

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESPONDED
    assert "已调减招生计划。" in client.get(f"/warnings/flags/{flag.pk}/").content.decode()


def test_other_school_gets_404_for_a_flag_page(two_flags, other_school_admin):
    flag = WarningFlag.objects.get(school__name="梧州职业学院")

    assert _client(other_school_admin).get(f"/warnings/flags/{flag.pk}/").status_code == 404


def test_anonymous_is_sent_to_sign_in(two_flags):
    response = Client().get("/warnings/")

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_officer_edits_a_rule_on_the_page_and_it_is_audited(rules, wuzhou_officer):
    rule = WarningRule.objects.get(key="wz-duplicate-offering")
    client = _client(wuzhou_officer)
    assert (
        "修改这条规则"
        in client.get("/warnings/rules/", {"locality": rule.locality_id}).content.decode()
    )

    response = client.post(
        f"/warnings/rules/{rule.pk}/edit/",
        {
            "p_max_schools": "4",
            "level": "warning",
            "exempt_majors": "550304",
            "is_active": "on",
            "note": rule.note,
        },
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.params, rule.level) == ({"max_schools": 4}, "warning")
    assert [m.code for m in rule.exempt_majors.all()] == ["550304"]
    assert AuditEvent.objects.get(action="warning_rule.update").changes["level"] == [
        "notice",
        "warning",
    ]


def test_rule_form_shows_the_service_errors(rules, wuzhou_officer):
    rule = WarningRule.objects.get(key="wz-duplicate-offering")

    page = (
        _client(wuzhou_officer)
        .post(
            f"/warnings/rules/{rule.pk}/edit/",
            {
                "p_max_schools": "0",
                "level": "notice",
                "exempt_majors": "",
                "note": "",
            },
        )
        .content.decode()
    )

    assert "“开设学校数超过”应不小于 1。" in page
    rule.refresh_from_db()
    assert rule.params == {"max_schools": 3}


def test_school_cannot_open_the_rule_editor(rules, school_admin):
    rule = WarningRule.objects.get(key="wz-duplicate-offering")

    response = _client(school_admin).get(f"/warnings/rules/{rule.pk}/edit/")

    assert response.status_code == 403
    assert "只有平台管理员或梧州市的政府管理员" in response.content.decode()


def test_officer_runs_an_evaluation_from_the_page(rules, wuzhou_officer, wz, wuzhou_school):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", {2023: 10, 2024: 10, 2025: 10})

    response = _client(wuzhou_officer).post("/warnings/runs/", {"locality": wz.pk, "year": 2025})

    assert response.status_code == 302
    assert WarningFlag.objects.count() == 1


def test_bad_filter_values_are_ignored(two_flags, wuzhou_officer):
    response = _client(wuzhou_officer).get("/warnings/", {"school": "x", "locality": "梧州"})

    assert response.status_code == 200
    assert "共 2 条" in response.content.decode()


def test_a_locality_without_warning_rules_is_told_why_nothing_is_flagged(
    rules, shuangyashan_officer
):
    WarningRule.objects.filter(locality__name="双鸭山市").delete()

    page = _client(shuangyashan_officer).get("/warnings/").content.decode()

    assert "双鸭山市的政策文件没有规定专业预警的条件，因此本地区没有预警规则" in page


def test_a_locality_with_rules_gets_no_such_note(rules, wuzhou_officer):
    page = _client(wuzhou_officer).get("/warnings/").content.decode()

    assert "没有规定专业预警的条件" not in page


def test_rule_list_reads_each_rule_as_a_sentence_with_its_clause(rules, wuzhou_officer, wz):
    page = _client(wuzhou_officer).get("/warnings/rules/", {"locality": wz.pk}).content.decode()

    # 30 and 3 are read from the locality's profile, not stored in the rule.
    assert "连续 3 年年均实际招生人数低于 30 人的专业点，列入“调减”招生" in page
    assert f"（依据：《{wz.document_title}》（六））。" in page
    assert "同一年度本地区超过 3 所学校开设的同一专业，给予“提示”" in page
    assert "<summary>技术说明</summary>" in page
    assert "<table>" not in page


def test_rule_form_has_one_labelled_field_per_parameter_and_no_json(rules, wuzhou_officer):
    rule = WarningRule.objects.get(key="wz-low-employment")

    page = _client(wuzhou_officer).get(f"/warnings/rules/{rule.pk}/edit/").content.decode()

    assert "低于（%）" in page
    assert 'name="p_below"' in page
    assert 'value="80"' in page
    assert "连续年数（年）" in page
    assert "毕业去向落实率" in page
    assert "参数（JSON）" not in page


def test_rule_form_saves_percentages_as_rates(rules, wuzhou_officer):
    rule = WarningRule.objects.get(key="wz-low-employment")

    response = _client(wuzhou_officer).post(
        f"/warnings/rules/{rule.pk}/edit/",
        {
            "p_indicator": "related_employment_rate",
            "p_below": "75",
            "p_consecutive_years": "3",
            "level": "warning",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.params == {
        "indicator": "related_employment_rate",
        "below": 0.75,
        "consecutive_years": 3,
    }


def test_rule_form_keeps_profile_references_read_only(rules, wuzhou_officer):
    rule = WarningRule.objects.get(key="wz-low-enrollment")
    client = _client(wuzhou_officer)
    page = client.get(f"/warnings/rules/{rule.pk}/edit/").content.decode()
    assert "取自梧州市地区配置参数" in page

    response = client.post(
        f"/warnings/rules/{rule.pk}/edit/",
        # A disabled field's posted value is ignored: the reference stays.
        {"p_enrollment_below": "5", "p_basis": "each_year", "level": "stop", "is_active": "on"},
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.params["enrollment_below"] == {"parameter": "major-warning-enrollment-below"}
    assert rule.params["basis"] == "each_year"
    assert rule.level == "stop"


def test_rule_form_for_several_indicators_needs_enough_filled(rules, staff_user):
    rule = WarningRule.objects.get(key="wh-indicators-failing")
    client = _client(staff_user)
    page = client.post(
        f"/warnings/rules/{rule.pk}/edit/",
        {
            "ind_employment_rate": "80",
            "ind_avg_starting_salary": "3000",
            "p_min_failing": "3",
            "level": "warning",
        },
    ).content.decode()
    assert "“不达标项数至少”不能多于已填写的指标数（2 项）。" in page

    response = client.post(
        f"/warnings/rules/{rule.pk}/edit/",
        {
            "ind_employment_rate": "80",
            "ind_avg_starting_salary": "3000",
            "p_min_failing": "2",
            "level": "warning",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.params == {
        "indicators": [
            {"indicator": "employment_rate", "below": 0.8},
            {"indicator": "avg_starting_salary", "below": 3000},
        ],
        "min_failing": 2,
    }


def test_flag_list_shows_reason_and_state_as_cards_with_paging(two_flags, wuzhou_officer):
    page = _client(wuzhou_officer).get("/warnings/").content.decode()

    assert "待学校回应" in page
    assert 'class="card flag-card"' in page
    assert "原因：2023—2025年实际招生" in page
    assert "共 2 条" in page


def test_flag_list_empty_state_says_what_to_do(rules, wuzhou_officer, school_admin):
    officer_page = _client(wuzhou_officer).get("/warnings/").content.decode()
    school_page = _client(school_admin).get("/warnings/").content.decode()

    assert "还没有预警记录：请在上方选择地区和年度" in officer_page
    assert "预警由政府管理员按政策文件运行评估后产生" in school_page


def test_flag_list_has_a_chart_of_flagged_majors_by_year_and_level(two_flags, wuzhou_officer):
    page = _client(wuzhou_officer).get("/warnings/").content.decode()

    assert "各年度预警专业点数（按最高等级）" in page
    assert "个专业点" in page
    assert "<th" in page
    assert "2025年" in page
    assert "echarts.min.js" in page


def test_chart_counts_each_pair_once_under_its_highest_level(two_flags):
    from chanjiao.early_warning.charts import flags_by_year_chart

    flag = WarningFlag.objects.first()
    duplicate_rule = WarningRule.objects.get(key="wz-duplicate-offering")
    WarningFlag.objects.create(
        locality=flag.locality,
        run=flag.run,
        rule=duplicate_rule,
        school=flag.school,
        major=flag.major,
        year=flag.year,
        level="notice",
        summary="x",
    )

    spec = flags_by_year_chart(WarningFlag.objects.all())

    assert spec.categories == ["2025年"]
    assert [(s.name, s.values) for s in spec.series] == [("调减", [2.0])]


def test_flag_detail_reads_the_rule_as_a_sentence_and_hides_raw_numbers(two_flags, school_admin):
    flag = WarningFlag.objects.get(school__name="梧州职业学院")

    page = _client(school_admin).get(f"/warnings/flags/{flag.pk}/").content.decode()

    assert "连续 3 年年均实际招生人数低于 30 人的专业点，列入“调减”招生" in page
    assert "待学校回应" in page
    assert '<details class="tech"><summary>技术说明</summary>' in page
