"""Weekly logs and alerts, mentors' comments, incidents reaching the school and the bureau,
evaluations after the end."""

import pytest

from chanjiao.internships.models import Alert
from chanjiao.internships.tests.conftest import START, URL
from chanjiao.subscriptions.models import Notification

pytestmark = pytest.mark.django_db


def _log(client, placement, **changes):
    body = {"week_start": START.isoformat(), "content": "学习茶叶杀青工艺", "hours_worked": "40"}
    body.update(changes)
    return client.post(f"{URL}{placement.pk}/logs/", body, format="json")


def test_weekly_log_of_41_hours_raises_alert_and_notices(
    client_for, intern, running, school_admin, wuzhou_officer, shuangyashan_officer
):
    ok = _log(client_for(intern), running)
    assert ok.status_code == 201, ok.json()
    assert Alert.objects.count() == 0
    over = _log(client_for(intern), running, week_start="2030-03-11", hours_worked="41")
    assert over.status_code == 201
    alert = Alert.objects.get()
    assert alert.rule_key == "weekly_hours"
    assert "41" in alert.message
    told = set(Notification.objects.filter(category="internship").values_list("user_id", flat=True))
    assert told == {school_admin.pk, wuzhou_officer.pk}
    again = _log(client_for(intern), running, week_start="2030-03-11")
    assert again.status_code == 400
    assert again.json()["extra"]["field"] == "week_start"
    resolved = client_for(wuzhou_officer).post(
        f"/api/v1/internships/alerts/{alert.pk}/resolve/", {"note": "已约谈企业"}, format="json"
    )
    assert resolved.status_code == 200
    assert resolved.json()["resolved_by_id"] == wuzhou_officer.pk


def test_night_shift_in_log_raises_alert(client_for, intern, running):
    _log(client_for(intern), running, had_night_shift=True, longest_day_hours="9")
    assert set(Alert.objects.values_list("rule_key", flat=True)) == {
        "no_night_shift",
        "daily_hours",
    }


def test_log_only_by_the_student_while_running(client_for, intern, placement, recruiter):
    assert _log(client_for(intern), placement).status_code == 400
    assert _log(client_for(recruiter), placement).status_code == 403


def test_pay_cut_while_running_is_recorded_with_an_alert(client_for, school_admin, running):
    school = client_for(school_admin)
    body = school.get(f"{URL}{running.pk}/").json()
    values = {
        key: body[key]
        for key in (
            "kind",
            "post_name",
            "address",
            "venue_description",
            "start_date",
            "end_date",
            "daily_hours",
            "weekly_hours",
            "probation_wage",
            "post_staff_count",
        )
    }
    response = school.put(f"{URL}{running.pk}/", {**values, "monthly_pay": "2000"}, format="json")
    assert response.status_code == 200, response.json()
    assert Alert.objects.get().rule_key == "pay_floor"


def test_mentor_comments_on_a_log(client_for, intern, running, enterprise_mentor, recruiter):
    log_id = _log(client_for(intern), running).json()["id"]
    url = f"/api/v1/internships/logs/{log_id}/comments/"
    assert client_for(recruiter).post(url, {"body": "好"}, format="json").status_code == 403
    response = client_for(enterprise_mentor).post(url, {"body": "认真细致"}, format="json")
    assert response.status_code == 201
    assert response.json()["mentor_role"] == "enterprise"


def test_incident_notices_school_and_bureau_at_once_then_handled(
    client_for, intern, running, school_admin, wuzhou_officer, recruiter
):
    response = client_for(intern).post(
        f"{URL}{running.pk}/incidents/",
        {"kind": "unpaid_wages", "description": "三月报酬未发", "occurred_on": "2030-04-10"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    notices = Notification.objects.filter(category="internship")
    assert set(notices.values_list("user_id", flat=True)) == {school_admin.pk, wuzhou_officer.pk}
    assert "拖欠报酬" in notices.first().title
    incident_id = response.json()["id"]
    url = f"/api/v1/internships/incidents/{incident_id}/transitions/"
    assert client_for(recruiter).post(url, {"name": "handle", "note": "x"}).status_code == 403
    handled = client_for(wuzhou_officer).post(
        url, {"name": "handle", "note": "已责令补发"}, format="json"
    )
    assert handled.status_code == 200
    assert handled.json()["status"] == "handled"
    assert handled.json()["available_transitions"] == [{"name": "close", "label": "关闭"}]


def test_evaluations_only_after_the_end_once_per_side(
    client_for, intern, running, school_admin, recruiter
):
    url = f"{URL}{running.pk}/evaluations/"
    body = {"direction": "student_to_enterprise", "score": 4, "comment": "收获很大"}
    assert client_for(intern).post(url, body, format="json").status_code == 400
    client_for(school_admin).post(
        f"{URL}{running.pk}/transitions/", {"name": "complete"}, format="json"
    )
    assert client_for(intern).post(url, body, format="json").status_code == 201
    assert client_for(intern).post(url, body, format="json").status_code == 400
    wrong = {"direction": "enterprise_to_student", "score": 5}
    assert client_for(intern).post(url, wrong, format="json").status_code == 403
    assert client_for(recruiter).post(url, wrong, format="json").status_code == 201
    assert len(client_for(school_admin).get(url).json()) == 2
