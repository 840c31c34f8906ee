"""Officers edit their locality's rules through the API; every edit and refusal is audited."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.early_warning.models import WarningRule

RULES_URL = "/api/v1/warnings/rules/"


def _rule(key: str = "wz-low-enrollment") -> WarningRule:
    return WarningRule.objects.get(key=key)


def test_rules_list_with_clause_quote_and_default_note(rules, officer):
    body = officer.get(RULES_URL, {"locality": "梧州市"}).json()

    keys = [r["key"] for r in body["results"]]
    assert keys == [
        "wz-low-enrollment",
        "wz-duplicate-offering",
        "wz-key-industry-match",
        "wz-school-quality",
        "wz-low-employment",
    ]
    first = body["results"][0]
    assert first["params"] == {
        "enrollment_below": {"parameter": "major-warning-enrollment-below"},
        "consecutive_years": {"parameter": "major-warning-consecutive-years"},
        "basis": "average",
    }
    assert first["clause"] == "（六）"
    assert "550304" in [m["code"] for m in first["exempt_majors"]]
    assert "文件未规定数值" in body["results"][1]["note"]


def test_officer_edit_is_saved_and_audited_with_before_and_after(rules, officer):
    rule = _rule("wz-low-employment")

    response = officer.patch(
        f"{RULES_URL}{rule.pk}/",
        {
            "params": {"indicator": "employment_rate", "below": 0.75, "consecutive_years": 3},
            "level": "stop",
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["params"] == {
        "indicator": "employment_rate",
        "below": 0.75,
        "consecutive_years": 3,
    }
    assert response.json()["level_label"] == "停招"
    assert response.json()["is_edited"] is True
    event = AuditEvent.objects.get(action="warning_rule.update", result=AuditResult.SUCCESS)
    assert event.changes["level"] == ["warning", "stop"]
    assert event.changes["params"][0]["below"] == 0.8
    assert event.changes["params"][1]["below"] == 0.75


@pytest.mark.parametrize("_case", ["school_admin", "shuangyashan_officer", "outsider"])
def test_non_officers_are_refused_and_nothing_changes(_case, rules, client_for, request):
    user = request.getfixturevalue(_case)
    rule = _rule()

    response = client_for(user).patch(f"{RULES_URL}{rule.pk}/", {"level": "stop"}, format="json")

    assert response.status_code == 403
    rule.refresh_from_db()
    assert rule.level == "reduce"
    assert rule.is_edited is False
    assert (
        AuditEvent.objects.filter(
            action="warning_rule.update", result=AuditResult.DENIED, target_id=str(rule.pk)
        ).count()
        == 1
    )


def test_anonymous_cannot_read_or_edit_rules(rules, api_client):
    assert api_client.get(RULES_URL).status_code == 403
    assert (
        api_client.patch(f"{RULES_URL}{_rule().pk}/", {"level": "stop"}, format="json").status_code
        == 403
    )


def test_invalid_edit_lists_every_problem(rules, officer):
    rule = _rule("wz-low-employment")

    response = officer.patch(
        f"{RULES_URL}{rule.pk}/",
        {
            "params": {
                "indicator": "employment_rate",
                "below": -1,
                "consecutive_years": 2.5,
                "extra": 1,
            },
            "level": "严重",
            "exempt_majors": ["999999"],
            "clause": "（七）",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == [
        "clause: 该字段不可修改",
        "params.extra: 该规则类型没有此参数",
        "params.below: 应在 0 至 1 之间，现为 -1",
        "params.consecutive_years: 应为整数",
        "level: 应为 notice、warning、reduce、stop 之一（提示/预警/调减/停招）",
        "exempt_majors: 专业代码“999999”不在现行专业目录中",
    ]
    rule.refresh_from_db()
    assert rule.params["below"] == 0.8
