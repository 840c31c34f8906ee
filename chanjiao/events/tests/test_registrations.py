"""People register within the audience and the capacity; once each; and may cancel."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.audit.models import AuditEvent
from chanjiao.events.models import EventRegistration, MatchEvent
from chanjiao.events.services import event_register, event_registration_cancel
from chanjiao.students.models import StudentProfile

pytestmark = pytest.mark.django_db


def _url(event):
    return f"/api/v1/events/{event.pk}/register/"


def test_a_person_registers(client_for, event, outsider):
    response = client_for(outsider).post(_url(event))
    assert response.status_code == 201
    assert response.json()["state"] == "registered"
    assert EventRegistration.objects.get().user == outsider
    assert AuditEvent.objects.filter(action="event_registration.create").exists()


def test_a_second_registration_is_refused(client_for, event, outsider):
    client = client_for(outsider)
    client.post(_url(event))
    again = client.post(_url(event))
    assert again.status_code == 400
    assert again.json()["message"] == "您已报名该活动。"
    assert EventRegistration.objects.count() == 1


def test_student_capacity_is_enforced(client_for, make_event, outsider, student):
    event = make_event(student_capacity=1)
    assert client_for(student).post(_url(event)).status_code == 201
    full = client_for(outsider).post(_url(event))
    assert full.status_code == 400
    assert full.json()["message"] == "报名人数已满（上限 1 人）。"
    assert EventRegistration.objects.filter(event=event).count() == 1


def test_a_cancelled_registration_frees_the_seat(client_for, make_event, outsider, student):
    event = make_event(student_capacity=1)
    registration = event_register(actor=student, event=event)
    event_registration_cancel(actor=student, registration=registration)
    assert client_for(outsider).post(_url(event)).status_code == 201


def test_only_the_person_cancels_their_registration(client, event, student, outsider):
    registration = event_register(actor=student, event=event)
    client.force_login(outsider)
    url = reverse("events:registration-cancel", args=[registration.pk])
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.state == "registered"


def test_graduates_only_event_explains_the_refusal(client_for, make_event, outsider, student):
    event = make_event(audience="graduates")
    refused = client_for(outsider).post(_url(event))
    assert refused.status_code == 403
    assert "应届毕业生" in refused.json()["message"]
    assert AuditEvent.objects.filter(action="event_registration.create", result="denied").exists()
    profile = student.student_profile
    profile.graduation_year = timezone.localdate().year + 2
    profile.save()
    assert client_for(student).post(_url(event)).status_code == 403
    profile.status = StudentProfile.Status.GRADUATE
    profile.save()
    assert client_for(student).post(_url(event)).status_code == 201


def test_students_only_event_takes_students(client_for, make_event, outsider, student):
    event = make_event(audience="students")
    refused = client_for(outsider).post(_url(event))
    assert "在校生" in refused.json()["message"]
    assert client_for(student).post(_url(event)).status_code == 201


def test_registration_closes_at_the_deadline_and_on_cancellation(client_for, event, outsider):
    MatchEvent.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    late = client_for(outsider).post(_url(event))
    assert late.status_code == 400
    assert late.json()["message"] == "报名已截止。"
    MatchEvent.objects.filter(pk=event.pk).update(registration_deadline=None, state="cancelled")
    assert client_for(outsider).post(_url(event)).json()["message"] == "该活动已取消。"


def test_anonymous_visitors_must_sign_in(api_client, event):
    assert api_client.post(_url(event)).status_code == 403


def test_registration_page_button(client, event, student):
    client.force_login(student)
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert "报名成功" in response.content.decode()
    page = client.get(reverse("events:registered"))
    assert event.title in page.content.decode()
    assert "取消报名" in page.content.decode()
