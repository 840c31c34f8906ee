"""From an event's page to an application tagged with the event, counted for the organiser."""

import re
from html import unescape

import pytest

from chanjiao.applications.models import Application

pytestmark = pytest.mark.django_db


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
