import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.services import DUPLICATE
from chanjiao.applications.tests.conftest import PDF
from chanjiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/api/v1/applications/"


def test_apply_with_json_then_duplicate_refused(client_for, applicant, job):
    client = client_for(applicant)
    response = client.post(URL, {"listing": job.pk, "message": "您好"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "submitted"
    assert body["contact"] is None
    assert body["available_transitions"] == [{"name": "withdraw", "label": "撤回投递"}]
    again = client.post(URL, {"listing": job.pk}, format="json")
    assert again.status_code == 400
    assert again.json()["message"] == DUPLICATE
    assert Application.objects.count() == 1


def test_apply_multipart_with_attachment_and_bad_attachment_named(client_for, applicant, job):
    client = client_for(applicant)
    bad = SimpleUploadedFile("cv.docx", b"not a zip at all")
    refused = client.post(URL, {"listing": job.pk, "attachment": bad}, format="multipart")
    assert refused.status_code == 400
    assert refused.json()["extra"]["field"] == "attachment"
    good = SimpleUploadedFile("cv.pdf", PDF)
    response = client.post(URL, {"listing": job.pk, "attachment": good}, format="multipart")
    assert response.status_code == 201
    assert response.json()["has_attachment"] is True


def test_unknown_event_is_named(client_for, applicant, job):
    response = client_for(applicant).post(URL, {"listing": job.pk, "event": 999999}, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "event"


def test_anonymous_cannot_apply(api_client, job):
    assert api_client.post(URL, {"listing": job.pk}, format="json").status_code in (401, 403)


def test_publisher_detail_has_contact_audited_and_marks_viewed(client_for, recruiter, application):
    response = client_for(recruiter).get(f"{URL}{application.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["contact"]["phone"] == application.applicant.phone
    assert body["state"] == "viewed"
    names = [t["name"] for t in body["available_transitions"]]
    assert names == ["invite", "hire", "decline"]
    assert AuditEvent.objects.filter(action="application.personal_data.view").count() == 1


def test_nobody_outside_the_publisher_sees_an_application(
    client_for, api_client, application, other_member, school_admin, staff_user, outsider
):
    for user in (other_member, school_admin, staff_user, outsider):
        client = client_for(user)
        assert client.get(f"{URL}{application.pk}/").status_code == 404
        step = client.post(f"{URL}{application.pk}/transitions/", {"name": "hire"}, format="json")
        assert step.status_code == 404
        assert client.get(f"{URL}received/").json()["count"] == 0
    assert api_client.get(f"{URL}{application.pk}/").status_code in (401, 403)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED


def test_withdraw_revokes_consent_for_the_publisher(client_for, applicant, recruiter, application):
    response = client_for(applicant).post(
        f"{URL}{application.pk}/transitions/", {"name": "withdraw"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["consent_active"] is False
    publisher = client_for(recruiter).get(f"{URL}{application.pk}/").json()
    assert publisher["state"] == "withdrawn"
    assert publisher["contact"] is None
    assert not AuditEvent.objects.filter(action="application.personal_data.view").exists()
    assert AuditEvent.objects.filter(action="application.withdraw").exists()


def test_transitions_and_lists(client_for, applicant, recruiter, application):
    hr = client_for(recruiter)
    invited = hr.post(
        f"{URL}{application.pk}/transitions/",
        {"name": "invite", "message": "明天面试"},
        format="json",
    )
    assert invited.status_code == 200
    assert invited.json()["state_message"] == "明天面试"
    mine = client_for(applicant).get(f"{URL}mine/").json()
    assert mine["results"][0]["state"] == "interview"
    assert mine["results"][0]["state_message"] == "明天面试"
    received = hr.get(f"{URL}received/", {"state": "interview", "listing": application.listing_id})
    row = received.json()["results"][0]
    assert row["id"] == application.pk
    assert row["applicant_name"] != applicant.real_name
    assert "phone" not in row
    assert hr.get(f"{URL}received/", {"state": "hired"}).json()["count"] == 0
    refused = client_for(applicant).post(
        f"{URL}{application.pk}/transitions/", {"name": "hire"}, format="json"
    )
    assert refused.status_code == 403


def test_draft_or_closed_post_is_not_found(client_for, applicant, recruiter, enterprise, job):
    from chanjiao.listings.services import listing_close
    from chanjiao.listings.tests.factories import listing_make

    draft = listing_make(kind="job", author=recruiter, organization=enterprise)
    client = client_for(applicant)
    response = client.post(URL, {"listing": draft.pk}, format="json")
    assert response.status_code == 404
    listing_close(actor=recruiter, listing=job)
    assert client.post(URL, {"listing": job.pk}, format="json").status_code == 404
    assert not Application.objects.exists()


def test_received_counts_per_post(client_for, recruiter, job, internship, application, catalogs):
    from chanjiao.accounts.tests.factories import UserFactory
    from chanjiao.applications.services import application_submit

    application_submit(actor=UserFactory(username="intern"), listing=internship)
    hr = client_for(recruiter)
    assert hr.get(f"{URL}received/").json()["count"] == 2
    assert hr.get(f"{URL}received/", {"listing": job.pk}).json()["count"] == 1
    assert hr.get(f"{URL}received/", {"state": "nonsense"}).status_code == 400
