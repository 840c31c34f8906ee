"""An accepted request's contact person: to the requesting enterprise only, each view audited."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.contact_requests.services import contact_person_get

pytestmark = pytest.mark.django_db
VIEW = "contact_request.contact.view"


def _url(item):
    return f"/api/v1/contact-requests/{item.pk}/"


def test_enterprise_sees_the_contact_and_each_view_is_audited(
    client_for, recruiter, enterprise_admin, accepted
):
    first = client_for(recruiter).get(_url(accepted))
    second = client_for(enterprise_admin).get(_url(accepted))
    third = client_for(recruiter).get(_url(accepted))

    for response in (first, second, third):
        assert response.status_code == 200
        assert response.json()["contact"] == {
            "name": "王老师",
            "phone": "13907740001",
            "email": "wang@wzzy.edu.cn",
            "note": "每周三可安排面试",
        }
    events = AuditEvent.objects.filter(action=VIEW, result=AuditResult.SUCCESS)
    assert events.count() == 3
    assert sorted(e.actor.username for e in events) == [
        "enterprise_admin",
        "recruiter",
        "recruiter",
    ]
    assert events.first().changes["fields"] == [
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_note",
    ]
    assert {e.target_id for e in events} == {str(accepted.pk)}


@pytest.mark.parametrize(
    "_case", ["another enterprise", "an outsider", "the school's reviewer", "platform staff"]
)
def test_strangers_get_not_found(
    client_for, accepted, other_recruiter, outsider, school_reviewer, staff_user, _case
):
    actor = {
        "another enterprise": other_recruiter,
        "an outsider": outsider,
        "the school's reviewer": school_reviewer,
    }.get(_case, staff_user)

    api = client_for(actor).get(_url(accepted))
    page = client_for(actor).get(f"/contact-requests/{accepted.pk}/")
    reveal = client_for(actor).post(f"/contact-requests/{accepted.pk}/contact/")

    assert (api.status_code, page.status_code, reveal.status_code) == (404, 404, 404)
    assert "13907740001" not in api.content.decode() + page.content.decode()
    assert not AuditEvent.objects.filter(action=VIEW).exists()


def test_anonymous_gets_nothing(api_client, client, accepted):
    api = api_client.get(_url(accepted))
    page = client.get(f"/contact-requests/{accepted.pk}/")

    assert api.status_code in (401, 403)
    assert page.status_code == 302
    assert "13907740001" not in api.content.decode()


def test_the_school_sees_its_answer_masked_and_no_full_view_is_logged(
    client_for, school_officer, accepted
):
    api = client_for(school_officer).get(_url(accepted))
    page = client_for(school_officer).get(f"/contact-requests/{accepted.pk}/")

    assert api.status_code == 200
    assert api.json()["contact"] is None
    assert page.status_code == 200
    html = page.content.decode()
    assert "139****0001" in html
    assert "13907740001" not in html
    assert not AuditEvent.objects.filter(action=VIEW).exists()


def test_pending_request_has_no_contact_for_the_enterprise(client_for, recruiter, pending):
    response = client_for(recruiter).get(_url(pending))

    assert response.json()["contact"] is None
    assert not AuditEvent.objects.filter(action=VIEW).exists()


def test_page_reveals_the_contact_on_request_and_audits_each_time(client, recruiter, accepted):
    client.force_login(recruiter)

    detail = client.get(f"/contact-requests/{accepted.pk}/")
    first = client.post(f"/contact-requests/{accepted.pk}/contact/")
    second = client.post(f"/contact-requests/{accepted.pk}/contact/")

    assert "查看联系人" in detail.content.decode()
    assert "13907740001" not in detail.content.decode()
    for response in (first, second):
        html = response.content.decode()
        assert "13907740001" in html
        assert "本次查看已记入审计日志" in html
    assert AuditEvent.objects.filter(action=VIEW, actor=recruiter).count() == 2


def test_service_refuses_and_audits_a_stranger(other_recruiter, accepted):
    with pytest.raises(PermissionDeniedError):
        contact_person_get(viewer=other_recruiter, request=accepted)

    event = AuditEvent.objects.get(action=VIEW)
    assert (event.result, event.actor) == (AuditResult.DENIED, other_recruiter)


def test_service_refuses_before_acceptance(recruiter, pending):
    with pytest.raises(PermissionDeniedError):
        contact_person_get(viewer=recruiter, request=pending)

    assert AuditEvent.objects.get(action=VIEW).result == AuditResult.DENIED
