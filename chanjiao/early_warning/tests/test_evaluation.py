"""Runs: idempotent per year, history across years kept, refused for non-officers, task, CLI."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from chanjiao.early_warning.models import FlagStatus, WarningFlag, WarningResponse, WarningRun
from chanjiao.early_warning.selectors import warning_flags, warning_summary
from chanjiao.early_warning.tasks import evaluate_warnings_task
from chanjiao.early_warning.tests.conftest import (
    FLAGS_URL,
    RUNS_URL,
    employment,
    evaluate,
    flags,
    only_rules,
    stats,
)

LOW = {2022: 10, 2023: 10, 2024: 10, 2025: 10}


def test_re_evaluating_a_year_keeps_the_same_flags(rules, officer, wuzhou_school):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", LOW)
    evaluate(officer)
    first = list(WarningFlag.objects.values_list("pk", "year", "summary"))

    evaluate(officer)

    assert list(WarningFlag.objects.values_list("pk", "year", "summary")) == first
    assert WarningRun.objects.count() == 2


def test_history_of_earlier_years_is_kept(rules, officer, wuzhou_school):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", LOW)
    evaluate(officer, year=2024)
    stats(wuzhou_school, "510203", {2025: 200})  # 2023—2025 average 73

    evaluate(officer, year=2025)

    assert [f["year"] for f in flags(officer)] == [2024]
    assert flags(officer, year=2025) == []


def test_a_flag_no_longer_found_goes_and_an_answered_one_is_closed(
    rules, officer, wuzhou_school, school_admin, client_for
):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", LOW)
    stats(wuzhou_school, "520201", LOW)
    evaluate(officer)
    answered = WarningFlag.objects.get(major__code="520201")
    client_for(school_admin).post(
        f"{FLAGS_URL}{answered.pk}/responses/", {"text": "已扩招"}, format="json"
    )
    stats(wuzhou_school, "510203", {2025: 200})
    stats(wuzhou_school, "520201", {2025: 200})

    evaluate(officer)

    assert list(WarningFlag.objects.values_list("pk", flat=True)) == [answered.pk]
    answered.refresh_from_db()
    assert answered.status == FlagStatus.CLOSED
    assert (
        WarningResponse.objects.filter(flag=answered, author=None)
        .get()
        .text.startswith("重新评估时该规则不再触发")
    )


@pytest.mark.parametrize("_case", ["school_admin", "shuangyashan_officer"])
def test_non_officers_cannot_run_an_evaluation(_case, rules, client_for, request):
    response = client_for(request.getfixturevalue(_case)).post(
        RUNS_URL, {"locality": "梧州市", "year": 2025}, format="json"
    )

    assert response.status_code == 403
    assert not WarningRun.objects.exists()


def test_runs_list_shows_counts_to_the_officer_only(rules, officer, school_admin, client_for):
    evaluate(officer)

    assert officer.get(RUNS_URL, {"locality": "梧州市"}).json()["count"] == 1
    assert client_for(school_admin).get(RUNS_URL, {"locality": "梧州市"}).status_code == 403


def test_several_rules_on_one_major_give_the_highest_level_in_the_summary(
    rules, officer, wuzhou_school, wz, school_admin
):
    only_rules("wz-low-enrollment", "wz-low-employment")
    low = {"actual_enrollment": 10, **employment(10, 5)}
    stats(wuzhou_school, "510203", {2023: low, 2024: low, 2025: low})
    evaluate(officer)

    rows = warning_summary(locality=wz, year=2025)

    assert len(rows) == 1
    assert rows[0]["level_label"] == "调减"  # 调减 (enrollment) outranks 预警 (employment)
    assert rows[0]["rules"] == ["连续3年年均招生规模不足30人", "就业质量差"]
    assert rows[0]["evidence"].startswith(
        "连续3年年均招生规模不足30人：2023—2025年实际招生 10、10、10"
    )
    assert warning_flags(locality=wz, year=2025, fetched_by=school_admin).count() == 2
    assert warning_flags(locality=wz, year=2024, fetched_by=school_admin).count() == 0


def test_task_and_command_evaluate_like_the_api(rules, wz, wuzhou_school):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", LOW)

    evaluate_warnings_task.enqueue()  # the latest year with figures: 2025
    assert WarningFlag.objects.get().year == 2025
    out = StringIO()
    call_command("evaluate_warnings", "--locality", "梧州市", "--year", "2025", stdout=out)

    assert WarningFlag.objects.count() == 1
    assert "梧州市 2025年：评估规则 1 条，专业点 1 个，预警 1 条" in out.getvalue()


def test_command_refuses_unknown_locality(rules):
    with pytest.raises(Exception, match="未找到地区“火星市”"):
        call_command("evaluate_warnings", "--locality", "火星市", "--year", "2025")


def test_summary_api_for_the_government_only(
    rules, officer, wuzhou_school, school_admin, client_for
):
    only_rules("wz-low-enrollment")
    stats(wuzhou_school, "510203", LOW)
    evaluate(officer)
    url = "/api/v1/warnings/summary/"

    rows = officer.get(url, {"locality": "梧州市", "year": 2025}).json()

    assert [(r["school"], r["major_code"], r["major_name"], r["level_label"]) for r in rows] == [
        ("梧州职业学院", "510203", "软件技术", "调减")
    ]
    assert officer.get(url, {"locality": "梧州市"}).status_code == 400
    assert (
        client_for(school_admin).get(url, {"locality": "梧州市", "year": 2025}).status_code == 403
    )


@pytest.mark.parametrize(("china_time", "latest"), [("00:30", 2028), ("23:30", 2027)])
def test_latest_year_allowed_follows_the_china_calendar(
    china_time, latest, rules, wuzhou_officer, client_for, wuzhou_school
):
    # 2027-01-01 00:30 in China is still 2026 in UTC; 2026-12-31 23:30 is already 2027 in UTC.
    day = "2027-01-01" if china_time == "00:30" else "2026-12-31"
    with time_machine.travel(datetime.datetime.fromisoformat(f"{day}T{china_time}+08:00")):
        officer = client_for(wuzhou_officer)  # signed in at that moment: sessions time out
        allowed = officer.post(RUNS_URL, {"locality": "梧州市", "year": latest}, format="json")
        refused = officer.post(RUNS_URL, {"locality": "梧州市", "year": latest + 1}, format="json")

    assert allowed.status_code == 201, allowed.content.decode()
    assert refused.status_code == 400
    assert f"年度应在 2000 至 {latest} 之间" in refused.content.decode()
