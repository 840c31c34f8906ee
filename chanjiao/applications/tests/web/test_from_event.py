"""From an event's page to an application tagged with the event, counted for the organiser."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.applications.models import Application
from chanjiao.events.services import (
    event_create,
    event_enterprise_approve,
    event_enterprise_register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(job, recruiter, school_admin, wuzhou_school):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    event = event_create(
        actor=school_admin,
        organizer=wuzhou_school,
        values={
            "title": "冬季校园双选会",
            "kind": "mutual",
            "description": "校园双选会。",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "is_online": False,
            "place": "体育馆",
            "online_url": "",
            "region": wuzhou_school.region,
            "audience": "all",
            "enterprise_capacity": None,
            "student_capacity": None,
            "registration_deadline": None,
        },
    )
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=job.organization, post_ids=[job.pk]
    )
    event_enterprise_approve(actor=school_admin, participation=participation)
    return event


def test_an_application_made_from_the_event_page_carries_the_event(
    client, client_for, applicant, job, fair, school_admin
):
    client.force_login(applicant)
    event_page = client.get(fair.get_absolute_url()).content.decode()
    post_link = unescape(re.search(rf'href="([^"]*/{job.pk}/\?event={fair.pk})"', event_page)[1])

    post_page = client.get(post_link).content.decode()
    apply_link = unescape(re.search(r'href="(/applications/apply/[^"]+)">我要投递', post_page)[1])
    assert apply_link.endswith(f"?event={fair.pk}")
    form = client.get(apply_link).content.decode()
    assert f'name="event" value="{fair.pk}"' in form
    client.post(apply_link, {"consent": "on", "event": str(fair.pk), "message": "双选会见。"})

    application = Application.objects.get(applicant=applicant, listing=job)
    assert application.event == fair
    outcomes = client_for(school_admin).get(f"/api/v1/events/{fair.pk}/outcomes/").json()
    assert outcomes["applications"] == 1
    assert outcomes["offers"] == 0
