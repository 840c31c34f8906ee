"""The lists run a fixed number of queries however many events they show; odd actions are 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chanjiao.events.services import (
    event_enterprise_approve,
    event_enterprise_register,
    event_register,
)

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _busy_event(make_event, *, organizer, recruiter, posts, student, title):
    event = make_event(title=title)
    participation = event_enterprise_register(
        actor=recruiter,
        event=event,
        organization=posts[0].organization,
        post_ids=[post.pk for post in posts],
    )
    event_enterprise_approve(actor=organizer, participation=participation)
    event_register(actor=student, event=event)
    return event


@pytest.mark.parametrize("who", ["anonymous", "organizer", "recruiter", "student"])
def test_list_pages_do_not_query_per_event(
    client, make_event, organizer, recruiter, posts, student, who
):
    world = {"organizer": organizer, "recruiter": recruiter, "posts": posts, "student": student}
    urls = {
        "anonymous": [reverse("events:list"), "/api/v1/events/"],
        "organizer": [reverse("events:mine")],
        "recruiter": [reverse("events:participations")],
        "student": [reverse("events:registered")],
    }[who]
    if who != "anonymous":
        client.force_login(world[who])
    _busy_event(make_event, title="第一场", **world)
    first = [_queries(client, url) for url in urls]
    for title in ("第二场", "第三场"):
        _busy_event(make_event, title=title, **world)
    assert [_queries(client, url) for url in urls] == first


def test_unknown_enterprise_action_is_not_found(client, event, organizer, recruiter, posts):
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    client.force_login(organizer)
    response = client.post(
        reverse("events:enterprise-transition", args=[event.pk, participation.pk, "delete"])
    )
    assert response.status_code == 404
    participation.refresh_from_db()
    assert participation.state == "pending"
