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
    assert "编辑" in client.get("/warnings/rules/", {"locality": rule.locality_id}).content.decode()

    response = client.post(
        f"/warnings/rules/{rule.pk}/edit/",
        {
            "params": '{"max_schools": 4}',
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
                "params": '{"max_schools": 0}',
                "level": "notice",
                "exempt_majors": "",
                "note": "",
            },
        )
        .content.decode()
    )

    assert "params.max_schools: 应在 1 至 1000 之间，现为 0" in page
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
