"""Warning flags on the workflow: each status change leaves a history row; closed is final."""

import pytest
from django.urls import reverse

from chanjiao.early_warning.models import FlagStatus, WarningFlag
from chanjiao.early_warning.tests.conftest import FLAGS_URL, evaluate, only_rules, stats
from chanjiao.workflow.models import TransitionRecord

RULE = "wz-low-enrollment"


@pytest.fixture
def flag(rules, officer, wuzhou_school):
    only_rules(RULE)
    stats(wuzhou_school, "510203", {2023: 10, 2024: 10, 2025: 10})
    evaluate(officer)
    return WarningFlag.objects.get(school=wuzhou_school)


def _history(flag):
    return list(
        TransitionRecord.objects.filter(workflow="warning_flag", object_id=str(flag.pk))
        .order_by("pk")
        .values_list("transition", "from_state", "to_state", "reason")
    )


def test_respond_and_close_are_recorded(flag, officer, school_admin, client_for):
    school = client_for(school_admin)
    school.post(f"{FLAGS_URL}{flag.pk}/responses/", {"text": "已压缩招生计划。"}, format="json")
    officer.post(f"{FLAGS_URL}{flag.pk}/close/", {"note": "已核实整改。"}, format="json")

    assert _history(flag) == [
        ("respond", "open", "responded", ""),
        ("close", "responded", "closed", "已核实整改。"),
    ]
    late = school.post(f"{FLAGS_URL}{flag.pk}/responses/", {"text": "补充"}, format="json")
    assert late.status_code == 400
    assert late.json()["message"] == (
        "该预警当前状态为“已关闭”，不能执行“回应”（可能已被他人处理）。"
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CLOSED
    assert len(_history(flag)) == 2


def test_flag_page_offers_exactly_the_available_actions(flag, school_admin, wuzhou_officer, client):
    url = reverse("early_warning:flag-detail", kwargs={"flag_id": flag.pk})
    client.force_login(school_admin)
    school_page = client.get(url).content.decode()
    client.force_login(wuzhou_officer)
    officer_page = client.get(url).content.decode()

    assert 'value="respond"' in school_page
    assert 'value="close"' not in school_page
    assert 'value="close"' in officer_page
    assert 'value="respond"' not in officer_page
