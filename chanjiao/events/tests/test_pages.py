"""The public list and event page, the organiser's figures, the own-list pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.applications.models import Application
from chanjiao.events.models import EventEnterprise, MatchEvent
from chanjiao.events.selectors import event_outcome_counts, event_post_ids
from chanjiao.events.services import (
    event_enterprise_approve,
    event_enterprise_register,
    event_register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_and_pending(event, organizer, recruiter, posts, second_recruiter, second_post):
    approved = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    event_enterprise_approve(actor=organizer, participation=approved)
    pending = event_enterprise_register(
        actor=second_recruiter,
        event=event,
        organization=second_post.organization,
        post_ids=[second_post.pk],
    )
    return approved, pending


def test_public_page_lists_approved_enterprises_and_their_posts_only(
    client, event, approved_and_pending, posts, second_post
):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "梧州六堡茶业有限公司" in html
    assert "数控操作工" in html
    assert f'{posts[0].get_absolute_url()}?event={event.pk}"' in html
    assert "梧州机械制造有限公司" not in html
    assert "装配工" not in html
    assert "质检实习生" not in html  # a post of the enterprise it did not bring
    assert "主办管理" not in html


def test_public_api_detail_matches_the_page_and_hides_counts(
    api_client, event, approved_and_pending, posts
):
    body = api_client.get(f"/api/v1/events/{event.pk}/").json()
    assert [e["organization"]["name"] for e in body["enterprises"]] == ["梧州六堡茶业有限公司"]
    post = body["enterprises"][0]["posts"][0]
    assert post["url"] == f"{posts[0].get_absolute_url()}?event={event.pk}"
    assert body["outcomes"] is None
    assert body["can_manage"] is False
    assert event_post_ids(event) == {posts[0].pk}


def test_organiser_sees_pending_enterprises_with_decisions(
    client, event, organizer, approved_and_pending
):
    _, pending = approved_and_pending
    client.force_login(organizer)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "待审核的参会单位（1）" in html
    assert reverse("events:enterprise-transition", args=[event.pk, pending.pk, "approve"]) in html
    response = client.post(
        reverse("events:enterprise-transition", args=[event.pk, pending.pk, "approve"])
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == "approved"


def test_enterprise_registers_from_the_page_with_ticked_posts(client, event, recruiter, posts):
    client.force_login(recruiter)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'name="post_ids"' in html
    assert "质检实习生" in html
    response = client.post(
        reverse("events:enterprise-register", args=[event.pk]),
        {"organization": posts[0].organization_id, "post_ids": [posts[1].pk]},
    )
    assert response.status_code == 302
    participation = EventEnterprise.objects.get()
    assert list(participation.posts.all()) == [posts[1]]
    page = client.get(reverse("events:participations")).content.decode()
    assert event.title in page
    assert "待主办方审核" in page


def test_outcome_counts(event, approved_and_pending, posts, student, outsider, organizer):
    event_register(actor=student, event=event)
    event_register(actor=outsider, event=event)
    listing = posts[0]
    common = {"listing": listing, "organization": listing.organization, "event": event}
    Application.objects.create(
        applicant=student, state="hired", invited_at=timezone.now(), **common
    )
    Application.objects.create(
        applicant=outsider, state="declined", invited_at=timezone.now(), **common
    )
    Application.objects.create(applicant=organizer, state="submitted", **common)
    # Not from the event: not counted.
    Application.objects.create(
        applicant=organizer, listing=posts[1], organization=listing.organization
    )
    assert event_outcome_counts(event) == {
        "enterprises": 1,
        "posts": 1,
        "registrations": 2,
        "applications": 3,
        "invited": 2,
        "offers": 1,
    }


def test_outcomes_api_is_for_the_organiser_only(client_for, event, organizer, recruiter):
    url = f"/api/v1/events/{event.pk}/outcomes/"
    assert client_for(organizer).get(url).json()["applications"] == 0
    refused = client_for(recruiter).get(url)
    assert refused.status_code == 403


def test_outcomes_show_on_the_page_after_the_start(client, event, organizer):
    client.force_login(organizer)
    assert 'id="outcomes"' not in client.get(event.get_absolute_url()).content.decode()
    MatchEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert 'id="outcomes"' in client.get(event.get_absolute_url()).content.decode()


def test_list_shows_upcoming_events_and_filters(client, event, make_event):
    make_event(
        title="线上小型面试会",
        kind="interview",
        is_online=True,
        place="",
        online_url="https://meet.example.cn/1",
    )
    page = client.get(reverse("events:list"))
    html = page.content.decode()
    assert "2027届春季双选会" in html
    assert "线上小型面试会" in html
    only = client.get(reverse("events:list"), {"kind": "interview"}).content.decode()
    assert "线上小型面试会" in only
    assert "2027届春季双选会" not in only
    past = client.get(reverse("events:list"), {"past": "on"}).content.decode()
    assert "这里还没有已结束的活动" in past


def test_list_api_is_public_and_filters_by_region(api_client, event):
    assert api_client.get("/api/v1/events/").json()["count"] == 1
    assert api_client.get("/api/v1/events/", {"region": "4504"}).json()["count"] == 1
    assert api_client.get("/api/v1/events/", {"region": "2305"}).json()["count"] == 0


def test_online_link_is_shown_only_to_those_registered(client, make_event, student):
    event = make_event(is_online=True, place="", online_url="https://meet.example.cn/abc")
    assert "meet.example.cn/abc" not in client.get(event.get_absolute_url()).content.decode()
    event_register(actor=student, event=event)
    client.force_login(student)
    assert "meet.example.cn/abc" in client.get(event.get_absolute_url()).content.decode()


def test_organiser_lists_their_events(client, event, organizer, recruiter):
    client.force_login(organizer)
    assert event.title in client.get(reverse("events:mine")).content.decode()
    client.force_login(recruiter)
    assert client.get(reverse("events:mine")).status_code == 403


def test_edit_page_keeps_the_times(client, event, organizer):
    client.force_login(organizer)
    page = client.get(reverse("events:edit", args=[event.pk]))
    local = timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{local}"' in page.content.decode()
