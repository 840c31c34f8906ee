"""The school decides: confirm (writes the profile), return with a reason, bulk, the queue."""

import datetime

import pytest
from django.utils import timezone

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile
from chanjiao.students.selectors import student_claims_pending_count
from chanjiao.students.tests.factories import StudentClaimFactory, StudentProfileFactory
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _confirm_url(claim):
    return f"/api/v1/students/claims/{claim.pk}/confirm/"


def _return_url(claim):
    return f"/api/v1/students/claims/{claim.pk}/return/"


@pytest.fixture
def claim(school, design):
    return StudentClaimFactory(
        school=school,
        major=design,
        user__real_name="王芳",
        student_number="2023017",
        enrollment_year=2023,
    )


def test_info_officer_confirms_and_the_profile_is_written(client_for, officer, claim, design):
    response = client_for(officer).post(_confirm_url(claim))

    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "confirmed"
    claim.refresh_from_db()
    assert claim.state == ClaimState.CONFIRMED
    assert claim.decided_by == officer
    assert claim.decided_at is not None
    profile = StudentProfile.objects.get(user=claim.user)
    assert (profile.school, profile.major) == (claim.school, design)
    assert (profile.graduation_year, profile.status) == (claim.graduation_year, "student")
    assert (profile.student_number, profile.enrollment_year) == ("2023017", 2023)
    event = AuditEvent.objects.get(action="student_claim.confirm")
    assert (event.actor, event.result) == (officer, AuditResult.SUCCESS)
    assert event.changes["state"] == ["pending", "confirmed"]
    record = TransitionRecord.objects.get(object_id=str(claim.pk), transition="confirm")
    assert record.actor == officer


def test_confirm_updates_an_existing_profile(client_for, officer, school, other_school, cnc):
    profile = StudentProfileFactory(school=other_school, graduation_year=2020, status="graduate")
    claim = StudentClaimFactory(user=profile.user, school=school, major=cnc)

    client_for(officer).post(_confirm_url(claim))

    profile.refresh_from_db()
    assert (profile.school, profile.status) == (school, "student")
    assert profile.graduation_year == claim.graduation_year
    assert StudentProfile.objects.filter(user=profile.user).count() == 1


@pytest.mark.parametrize("_case", ["other school's staff", "the student", "an outsider"])
def test_confirm_refused_for_anyone_but_the_schools_staff(
    client_for, claim, other_officer, outsider, _case
):
    actor = {"other school's staff": other_officer, "the student": claim.user}.get(_case, outsider)

    response = client_for(actor).post(_confirm_url(claim))

    assert response.status_code == 403
    assert "机构管理员或信息员" in response.json()["message"]
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING
    assert not StudentProfile.objects.filter(user=claim.user).exists()
    denied = AuditEvent.objects.get(action="student_claim.confirm")
    assert (denied.actor, denied.result) == (actor, AuditResult.DENIED)


def test_anonymous_cannot_confirm(api_client, claim):
    assert api_client.post(_confirm_url(claim)).status_code == 403
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING


def test_confirm_twice_is_a_conflict(client_for, officer, claim):
    api = client_for(officer)
    api.post(_confirm_url(claim))

    again = api.post(_confirm_url(claim))

    assert again.status_code == 400
    assert "当前状态为“已确认”" in again.json()["message"]
    assert AuditEvent.objects.filter(action="student_claim.confirm").count() == 1


def test_return_requires_a_reason(client_for, officer, claim):
    response = client_for(officer).post(_return_url(claim), {"reason": "  "}, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "reason"
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING
    assert not AuditEvent.objects.filter(action="student_claim.return").exists()


def test_return_with_a_reason(client_for, officer, claim):
    response = client_for(officer).post(
        _return_url(claim), {"reason": "本校没有该学号"}, format="json"
    )

    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.state, claim.return_reason) == (ClaimState.RETURNED, "本校没有该学号")
    event = AuditEvent.objects.get(action="student_claim.return")
    assert event.changes["reason"] == "本校没有该学号"
    assert not StudentProfile.objects.filter(user=claim.user).exists()


def test_return_refused_for_the_student(client_for, claim):
    response = client_for(claim.user).post(_return_url(claim), {"reason": "x"}, format="json")
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING


def test_claims_list_is_scoped_oldest_first_and_filtered(
    client_for, officer, other_officer, school, other_school, cnc, design, this_year
):
    now = timezone.now()
    newer = StudentClaimFactory(school=school, major=cnc, submitted_at=now)
    older = StudentClaimFactory(
        school=school, major=design, submitted_at=now - datetime.timedelta(days=2)
    )
    StudentClaimFactory(school=school, major=cnc, graduation_year=this_year + 3)
    StudentClaimFactory(school=other_school, major=cnc)
    StudentClaimFactory(school=school, major=cnc, state=ClaimState.CONFIRMED)

    body = client_for(officer).get("/api/v1/students/claims/").json()
    assert body["count"] == 3
    assert [row["id"] for row in body["results"][:2]] == [older.pk, newer.pk]
    assert body["results"][0]["phone"].startswith("1")
    assert "*" in body["results"][0]["phone"]

    filtered = client_for(officer).get(
        "/api/v1/students/claims/", {"major": cnc.pk, "year": this_year + 1}
    )
    assert [row["id"] for row in filtered.json()["results"]] == [newer.pk]
    assert client_for(other_officer).get("/api/v1/students/claims/").json()["count"] == 1
    assert student_claims_pending_count(officer) == 3
    assert student_claims_pending_count(other_officer) == 1


def test_pending_count_is_zero_for_students_and_outsiders(claim, outsider):
    assert student_claims_pending_count(claim.user) == 0
    assert student_claims_pending_count(outsider) == 0


def test_bulk_confirm_of_selected_claims(client_for, officer, school):
    first, second, third = (StudentClaimFactory(school=school) for _ in range(3))
    api = client_for(officer)
    api.post(_confirm_url(second))

    response = api.post(
        "/api/v1/students/claims/bulk-confirm/", {"ids": [first.pk, second.pk]}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["confirmed"] == 1
    assert response.json()["skipped"] == 1
    states = dict(StudentClaim.objects.values_list("pk", "state"))
    assert states == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "pending"}
    assert StudentProfile.objects.filter(user__in=[first.user, second.user]).count() == 2


def test_bulk_confirm_refuses_a_claim_of_another_school(client_for, officer, school, other_school):
    own = StudentClaimFactory(school=school)
    foreign = StudentClaimFactory(school=other_school)

    response = client_for(officer).post(
        "/api/v1/students/claims/bulk-confirm/", {"ids": [own.pk, foreign.pk]}, format="json"
    )

    assert response.status_code == 403
    assert set(StudentClaim.objects.values_list("state", flat=True)) == {"pending"}
    assert not StudentProfile.objects.exists()
    assert AuditEvent.objects.get(action="student_claim.confirm").result == AuditResult.DENIED


def test_queue_page_confirms_returns_and_bulk_confirms(client, officer, school, design):
    one = StudentClaimFactory(school=school, user__real_name="赵一", major=design)
    two = StudentClaimFactory(school=school, user__real_name="钱二")
    three = StudentClaimFactory(school=school, user__real_name="孙三")
    client.force_login(officer)

    page = client.get("/students/claims/")
    html = page.content.decode()
    assert page.status_code == 200
    assert all(name in html for name in ("赵一", "钱二", "孙三"))
    assert "/students/roster/" in html

    filtered = client.get("/students/claims/", {"major": design.pk}).content.decode()
    assert "赵一" in filtered
    assert "钱二" not in filtered

    client.post(f"/students/claims/{one.pk}/confirm/", {"next": "/students/claims/"})
    refused = client.post(f"/students/claims/{two.pk}/return/", {"reason": ""}, follow=True)
    assert "退回时必须填写原因" in refused.content.decode()
    client.post(f"/students/claims/{two.pk}/return/", {"reason": "姓名与学籍不符"})
    bulk = client.post("/students/claims/confirm/", {"ids": [str(three.pk)]}, follow=True)
    assert "已确认 1 份申请" in bulk.content.decode()

    states = dict(StudentClaim.objects.values_list("pk", "state"))
    assert states == {one.pk: "confirmed", two.pk: "returned", three.pk: "confirmed"}


def test_queue_page_refuses_people_who_act_for_no_school(client, student, claim):
    client.force_login(student)
    response = client.get("/students/claims/")
    assert response.status_code == 403
    assert "机构管理员或信息员" in response.content.decode()


def test_confirm_page_refused_for_another_schools_staff(client, other_officer, claim):
    client.force_login(other_officer)
    response = client.post(f"/students/claims/{claim.pk}/confirm/")
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING
