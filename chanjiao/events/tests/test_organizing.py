"""Organising: who may, the checks that name their field, editing, cancelling with notices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.events.models import EventState, MatchEvent
from chanjiao.events.services import (
    event_cancel,
    event_enterprise_register,
    event_register,
    event_update,
)
from chanjiao.events.tests.conftest import event_values
from chanjiao.organizations.tests.factories import OrganizationFactory
from chanjiao.subscriptions.models import Notification

pytestmark = pytest.mark.django_db

API = "/api/v1/events/"


def _payload(**overrides):
    values = event_values(**overrides)
    values["region"] = values["region"].pk
    for name in ("starts_at", "ends_at", "registration_deadline"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    return {key: value for key, value in values.items() if value is not None}


def test_school_officer_creates_an_event_through_the_api(client_for, organizer):
    response = client_for(organizer).post(API, _payload(student_capacity=50), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    event = MatchEvent.objects.get(pk=body["id"])
    assert event.organizer.name == "梧州职业学院"
    assert event.state == EventState.PUBLISHED
    assert body["student_capacity"] == 50
    assert body["outcomes"]["registrations"] == 0  # the organiser sees the counts
    assert AuditEvent.objects.filter(action="event.create", target_id=str(event.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"title": ""}, "title", "请填写活动名称"),
        ({"title": "双" * 201}, "title", "不能超过 200 个字"),
        ({"place": ""}, "place", "线下活动请填写地点"),
        ({"is_online": True, "place": ""}, "online_url", "线上活动请填写参会链接"),
        ({"enterprise_capacity": 0}, "enterprise_capacity", "须为正整数"),
        ({"student_capacity": -3}, "student_capacity", "须为正整数"),
    ],
)
def test_create_refuses_bad_values_naming_the_field(client_for, organizer, overrides, field, text):
    response = client_for(organizer).post(API, _payload(**overrides), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["extra"]["field"] == field
    assert text in body["extra"]["fields"][field][0]
    assert not MatchEvent.objects.exists()


def test_end_must_follow_start_and_deadline_precede_end(client_for, organizer):
    values = event_values()
    payload = _payload(
        ends_at=values["starts_at"] - datetime.timedelta(hours=1),
        registration_deadline=values["ends_at"] + datetime.timedelta(days=1),
    )
    response = client_for(organizer).post(API, payload, format="json")
    assert response.status_code == 400
    fields = response.json()["extra"]["fields"]
    assert fields["ends_at"] == ["结束时间须晚于开始时间。"]


def test_deadline_after_end_is_refused(client_for, organizer):
    values = event_values()
    payload = _payload(registration_deadline=values["ends_at"] + datetime.timedelta(days=1))
    response = client_for(organizer).post(API, payload, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["field"] == "registration_deadline"


def test_an_enterprise_may_not_organise(client_for, recruiter):
    response = client_for(recruiter).post(API, _payload(), format="json")
    assert response.status_code == 403
    assert "主办" in response.json()["message"]
    assert AuditEvent.objects.filter(action="event.create", result="denied").exists()
    assert not MatchEvent.objects.exists()


def test_an_unverified_school_may_not_organise(client_for, organizer, wuzhou_school):
    wuzhou_school.verification_status = "unverified"
    wuzhou_school.save()
    response = client_for(organizer).post(API, _payload(), format="json")
    assert response.status_code == 403


def test_a_government_admin_organises_for_their_body(client_for, wuzhou_officer, wuzhou_gov):
    payload = _payload(organizer=wuzhou_gov.pk, region=Region.objects.get(code="4504"))
    response = client_for(wuzhou_officer).post(API, payload, format="json")
    assert response.status_code == 201, response.json()
    assert MatchEvent.objects.get().organizer == wuzhou_gov


def test_an_association_reviewer_may_not_organise(client_for, catalogs):
    association = OrganizationFactory(name="梧州市机械行业协会")
    reviewer = UserFactory(username="assoc_reviewer")
    MembershipFactory(user=reviewer, organization=association, role=Role.REVIEWER)
    officer = UserFactory(username="assoc_officer")
    MembershipFactory(user=officer, organization=association, role=Role.INFO_OFFICER)
    assert client_for(reviewer).post(API, _payload(), format="json").status_code == 403
    assert client_for(officer).post(API, _payload(), format="json").status_code == 201


def test_create_page_offers_regions_by_name_and_publishes(client, organizer, wuzhou_school):
    client.force_login(organizer)
    page = client.get(reverse("events:create"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="datetime-local"' in html
    assert "万秀区" in html
    assert ">450403" not in html  # regions are chosen by name, never by code
    values = event_values()
    response = client.post(
        reverse("events:create"),
        {
            "organizer": wuzhou_school.pk,
            "title": "秋季招聘会",
            "kind": "job_fair",
            "audience": "all",
            "starts_at": timezone.localtime(values["starts_at"]).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(values["ends_at"]).strftime("%Y-%m-%dT%H:%M"),
            "place": "图书馆报告厅",
            "region": values["region"].pk,
            "student_capacity": "100",
        },
    )
    event = MatchEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.starts_at == values["starts_at"]
    assert event.student_capacity == 100


def test_create_page_shows_the_service_error_beside_the_field(client, organizer, wuzhou_school):
    client.force_login(organizer)
    values = event_values()
    response = client.post(
        reverse("events:create"),
        {
            "organizer": wuzhou_school.pk,
            "title": "线上面试会",
            "kind": "interview",
            "audience": "all",
            "starts_at": timezone.localtime(values["starts_at"]).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(values["ends_at"]).strftime("%Y-%m-%dT%H:%M"),
            "is_online": "on",
            "region": values["region"].pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["online_url"] == ["线上活动请填写参会链接。"]
    assert not MatchEvent.objects.exists()


def test_create_page_refuses_an_enterprise(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse("events:create"))
    assert response.status_code == 403
    assert "只有已认证学校" in response.content.decode()


def test_update_notifies_people_when_the_time_moves(event, organizer, student, recruiter, posts):
    event_register(actor=student, event=event)
    event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    values = event_values(starts_at=event.starts_at + datetime.timedelta(days=1))
    values["ends_at"] = values["starts_at"] + datetime.timedelta(hours=2)
    event_update(actor=organizer, event=event, values=values)
    told = set(
        Notification.objects.filter(category="event", title__contains="时间或地点有变").values_list(
            "user_id", flat=True
        )
    )
    assert told == {student.pk, recruiter.pk}


def test_capacity_may_not_fall_below_the_registered(event, organizer, student, outsider):
    event_register(actor=student, event=event)
    event_register(actor=outsider, event=event)
    with pytest.raises(ApplicationError) as caught:
        event_update(actor=organizer, event=event, values=event_values(student_capacity=1))
    assert caught.value.extra["field"] == "student_capacity"


def test_cancel_notifies_registered_people_and_enterprises(
    client, event, organizer, student, recruiter, posts
):
    event_register(actor=student, event=event)
    event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    client.force_login(organizer)
    response = client.post(reverse("events:cancel", args=[event.pk]), {"reason": "场馆维修"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.state == EventState.CANCELLED
    notices = Notification.objects.filter(category="event", title__contains="已取消")
    assert set(notices.values_list("user_id", flat=True)) == {student.pk, recruiter.pk}
    assert "场馆维修" in notices.first().body
    assert AuditEvent.objects.filter(action="event.cancel", target_id=str(event.pk)).exists()


def test_cancel_needs_a_reason_and_the_organiser(event, organizer, recruiter):
    with pytest.raises(PermissionDeniedError):
        event_cancel(actor=recruiter, event=event, reason="不想办了")
    with pytest.raises(ApplicationError) as caught:
        event_cancel(actor=organizer, event=event, reason=" ")
    assert caught.value.extra["field"] == "reason"
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED


def test_create_page_starts_in_the_organisers_region(client, organizer, wuzhou_school):
    client.force_login(organizer)

    page = client.get("/events/new/").content.decode()

    assert f'<option value="{wuzhou_school.region_id}" selected>' in page
