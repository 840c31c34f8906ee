"""The person's own claim: file (signed in), see its state, withdraw, correct and resubmit."""

import datetime

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.students.models import ClaimState, StudentClaim
from chanjiao.students.selectors import student_claim_for_user
from chanjiao.students.services import student_claim_return, student_claim_withdraw
from chanjiao.students.tests.factories import StudentClaimFactory
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db

MY = "/api/v1/students/my-claim/"


@pytest.fixture
def claim_input(school, this_year):
    return {
        "school": "梧州职业学院",
        "major": "机械设计与制造",
        "status": "graduate",
        "graduation_year": this_year - 1,
    }


def test_signed_in_account_files_a_claim_on_the_page(client, outsider, claim_input, design):
    client.force_login(outsider)

    response = client.post("/students/claim/", {**claim_input, "action": "file"})

    assert response.status_code == 302
    claim = StudentClaim.objects.get(user=outsider)
    assert (claim.major, claim.status, claim.state) == (design, "graduate", "pending")
    assert AuditEvent.objects.get(action="student_claim.file").target_id == str(claim.pk)
    assert student_claim_for_user(outsider) == claim


def test_a_second_open_claim_is_refused(client_for, outsider, claim_input):
    api = client_for(outsider)
    assert api.post(MY, claim_input, format="json").status_code == 201

    second = api.post(MY, {**claim_input, "major": "数控技术"}, format="json")

    assert second.status_code == 400
    assert "未完成的学校确认申请" in second.json()["message"]
    assert StudentClaim.objects.filter(user=outsider).count() == 1


def test_a_second_claim_is_refused_on_the_page_too(client, outsider, claim_input, school):
    StudentClaimFactory(user=outsider, school=school)
    client.force_login(outsider)

    response = client.post("/students/claim/", {**claim_input, "action": "file"})

    assert response.status_code == 200
    assert "未完成的学校确认申请" in str(response.context["form"].non_field_errors())
    assert StudentClaim.objects.filter(user=outsider).count() == 1


def test_owner_sees_and_withdraws_the_claim(client_for, outsider, school):
    claim = StudentClaimFactory(user=outsider, school=school)
    api = client_for(outsider)

    seen = api.get(MY).json()
    assert seen["id"] == claim.pk
    assert seen["available_transitions"] == [{"name": "withdraw", "label": "撤回"}]

    response = api.post(MY + "withdraw/")

    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    claim.refresh_from_db()
    assert claim.state == ClaimState.WITHDRAWN
    event = AuditEvent.objects.get(action="student_claim.withdraw")
    assert event.changes["state"] == ["pending", "withdrawn"]
    # Withdrawn, the person may file again.
    assert student_claim_for_user(outsider) == claim


def test_withdraw_on_the_page(client, outsider, school):
    claim = StudentClaimFactory(user=outsider, school=school)
    client.force_login(outsider)

    client.post("/students/claim/", {"action": "withdraw"})

    claim.refresh_from_db()
    assert claim.state == ClaimState.WITHDRAWN
    page = client.get("/students/claim/").content.decode()
    assert "已撤回" in page
    assert "申请学校确认" in page


def test_no_claim_answers_404(client_for, outsider):
    response = client_for(outsider).get(MY)
    assert response.status_code == 404
    assert response.json()["message"] == "您还没有提交学校确认申请。"


def test_returned_claim_shows_the_reason_and_is_resubmitted(
    client, client_for, outsider, officer, school, cnc, design, this_year
):
    claim = StudentClaimFactory(user=outsider, school=school)
    student_claim_return(actor=officer, claim=claim, reason="专业不对，应为机械设计与制造")
    client.force_login(outsider)

    page = client.get("/students/claim/").content.decode()
    assert "已退回" in page
    assert "专业不对，应为机械设计与制造" in page

    response = client_for(outsider).post(
        MY + "resubmit/",
        {
            "school": "梧州职业学院",
            "major": "机械设计与制造",
            "status": "student",
            "graduation_year": this_year + 1,
            "student_number": "S-1",
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert (claim.state, claim.major, claim.student_number) == ("pending", design, "S-1")
    assert claim.return_reason == ""
    assert claim.decided_by is None
    event = AuditEvent.objects.get(action="student_claim.resubmit")
    assert event.changes["major_id"] == [cnc.pk, design.pk]
    steps = list(
        TransitionRecord.objects.filter(object_id=str(claim.pk), workflow="student_claim")
        .order_by("pk")
        .values_list("transition", flat=True)
    )
    assert steps == ["return", "resubmit"]


def test_resubmit_on_the_page_with_a_bad_major_keeps_it_returned(
    client, outsider, officer, school, this_year
):
    claim = StudentClaimFactory(user=outsider, school=school)
    student_claim_return(actor=officer, claim=claim, reason="学号有误")
    client.force_login(outsider)

    response = client.post(
        "/students/claim/",
        {
            "action": "resubmit",
            "school": "梧州职业学院",
            "major": "护理",
            "status": "student",
            "graduation_year": this_year + 1,
        },
    )

    assert response.status_code == 200
    assert "major" in response.context["form"].errors
    claim.refresh_from_db()
    assert claim.state == ClaimState.RETURNED


def test_pending_claim_cannot_be_resubmitted(client_for, outsider, school, claim_input):
    StudentClaimFactory(user=outsider, school=school)

    response = client_for(outsider).post(MY + "resubmit/", claim_input, format="json")

    assert response.status_code == 400
    assert "待学校确认" in response.json()["message"]


def test_someone_else_cannot_withdraw_a_claim(outsider, student, school):
    claim = StudentClaimFactory(user=outsider, school=school)

    with pytest.raises(PermissionDeniedError):
        student_claim_withdraw(actor=student, claim=claim)

    claim.refresh_from_db()
    assert claim.state == ClaimState.PENDING
    denied = AuditEvent.objects.get(action="student_claim.withdraw")
    assert denied.result == AuditResult.DENIED


def test_claim_for_user_prefers_the_open_claim_over_a_later_closed_one(outsider, school):
    open_claim = StudentClaimFactory(user=outsider, school=school)
    StudentClaimFactory(
        user=outsider,
        school=school,
        state=ClaimState.WITHDRAWN,
        submitted_at=open_claim.submitted_at + datetime.timedelta(days=1),
    )

    assert student_claim_for_user(outsider) == open_claim


def test_claim_page_shows_the_history(client, outsider, officer, school):
    claim = StudentClaimFactory(user=outsider, school=school)
    student_claim_return(actor=officer, claim=claim, reason="请补充学号")
    client.force_login(outsider)

    html = client.get("/students/claim/").content.decode()

    assert "学校退回：请补充学号" in html
    assert "修改后重新提交" in html
