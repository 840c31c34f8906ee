"""The school answers (accept with a contact person, or decline); the enterprise withdraws."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.contact_requests.models import ContactRequestState
from chanjiao.subscriptions.models import NoticeCategory, Notification
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _url(item):
    return f"/api/v1/contact-requests/{item.pk}/transitions/"


CONTACT = {
    "name": "accept",
    "contact_name": "王老师",
    "contact_phone": "13907740001",
    "contact_note": "每周三可安排面试",
}


def test_school_accepts_with_a_contact_person(
    client_for, school_officer, recruiter, enterprise_admin, pending
):
    response = client_for(school_officer).post(_url(pending), CONTACT, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["state"], body["contact"], body["available_transitions"]) == (
        "accepted",
        None,
        [],
    )
    pending.refresh_from_db()
    assert (pending.state, pending.contact_name, pending.contact_phone) == (
        ContactRequestState.ACCEPTED,
        "王老师",
        "13907740001",
    )
    assert (pending.answered_by, pending.answered_at is not None) == (school_officer, True)
    event = AuditEvent.objects.get(action="contact_request.accept")
    assert event.changes["state"] == ["pending", "accepted"]
    assert event.changes["contact_phone"] == ["", "139****0001"]
    assert TransitionRecord.objects.get(transition="accept").actor == school_officer
    told = Notification.objects.filter(category=NoticeCategory.CONTACT, title__contains="已接受")
    assert sorted(n.user.username for n in told) == ["enterprise_admin", "recruiter"]


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("no name", {"contact_name": ""}, "contact_name"),
        ("neither phone nor e-mail", {"contact_phone": ""}, "contact_phone"),
        ("bad e-mail", {"contact_email": "wang@"}, "contact_email"),
    ],
)
def test_accept_needs_a_reachable_contact(
    client_for, school_officer, pending, _case, changes, field
):
    response = client_for(school_officer).post(_url(pending), {**CONTACT, **changes}, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["field"] == field
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.PENDING


def test_an_e_mail_alone_is_enough(client_for, school_officer, pending):
    data = {**CONTACT, "contact_phone": "", "contact_email": "wang@wzzy.edu.cn"}

    response = client_for(school_officer).post(_url(pending), data, format="json")

    assert response.status_code == 200


def test_school_declines_with_a_reason(client_for, school_officer, recruiter, pending):
    response = client_for(school_officer).post(
        _url(pending), {"name": "decline", "reason": "该届毕业生已全部落实去向"}, format="json"
    )

    assert response.status_code == 200
    pending.refresh_from_db()
    assert (pending.state, pending.decline_reason) == (
        ContactRequestState.DECLINED,
        "该届毕业生已全部落实去向",
    )
    notice = Notification.objects.get(user=recruiter, category=NoticeCategory.CONTACT)
    assert "已婉拒" in notice.title
    assert "全部落实去向" in notice.body


@pytest.mark.parametrize("_case", ["the enterprise", "the school's reviewer", "another school"])
def test_only_the_schools_staff_may_answer(
    client_for, pending, recruiter, school_reviewer, other_school_officer, _case
):
    actor = {"the enterprise": recruiter, "the school's reviewer": school_reviewer}.get(
        _case, other_school_officer
    )

    response = client_for(actor).post(_url(pending), CONTACT, format="json")

    # A stranger to the request does not learn it exists; the enterprise is refused (audited).
    if _case == "the enterprise":
        assert response.status_code == 403
        event = AuditEvent.objects.get(action="contact_request.accept")
        assert event.result == AuditResult.DENIED
    else:
        assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.PENDING
    assert not pending.contact_name


def test_enterprise_withdraws_and_the_school_is_told(
    client_for, recruiter, school_officer, pending
):
    response = client_for(recruiter).post(_url(pending), {"name": "withdraw"}, format="json")

    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.WITHDRAWN
    notice = Notification.objects.get(user=school_officer)
    assert "撤回" in notice.title


def test_school_may_not_withdraw(client_for, school_officer, pending):
    response = client_for(school_officer).post(_url(pending), {"name": "withdraw"}, format="json")

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.PENDING


def test_an_answered_request_cannot_be_answered_again(client_for, school_officer, accepted):
    response = client_for(school_officer).post(
        _url(accepted), {"name": "decline", "reason": "改变主意"}, format="json"
    )

    assert response.status_code == 400
    assert "已接受" in response.json()["message"]
    accepted.refresh_from_db()
    assert accepted.state == ContactRequestState.ACCEPTED


def test_accept_page_prefills_the_schools_contact_and_accepts(client, school_officer, pending):
    client.force_login(school_officer)

    page = client.get(f"/contact-requests/{pending.pk}/")
    response = client.post(
        f"/contact-requests/{pending.pk}/accept/",
        {"contact_name": "招就处王老师", "contact_phone": "07743800001"},
    )

    html = page.content.decode()
    assert 'value="招就处王老师"' in html
    assert "婉拒" in html
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.ACCEPTED


def test_accept_page_names_the_missing_field(client, school_officer, pending):
    client.force_login(school_officer)

    response = client.post(f"/contact-requests/{pending.pk}/accept/", {"contact_name": "王老师"})

    assert response.status_code == 400
    assert "联系电话：请至少填写联系电话或电子邮箱中的一项。" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.PENDING


def test_decline_page(client, school_officer, pending):
    client.force_login(school_officer)

    response = client.post(f"/contact-requests/{pending.pk}/decline/", {"reason": "已落实"})

    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.state, pending.decline_reason) == (ContactRequestState.DECLINED, "已落实")


def test_withdraw_page(client, recruiter, pending):
    client.force_login(recruiter)

    page = client.get(f"/contact-requests/{pending.pk}/")
    response = client.post(f"/contact-requests/{pending.pk}/withdraw/")

    assert "撤回请求" in page.content.decode()
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == ContactRequestState.WITHDRAWN
