"""Enterprises register with their live posts; the organiser approves within the capacity."""

import pytest
from django.utils import timezone

from chanjiao.audit.models import AuditEvent
from chanjiao.events.models import EventEnterprise, ParticipationState
from chanjiao.events.services import event_enterprise_approve, event_enterprise_register
from chanjiao.events.tests.conftest import post_make
from chanjiao.listings.models import ListingStatus
from chanjiao.subscriptions.models import Notification
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _register_url(event):
    return f"/api/v1/events/{event.pk}/enterprises/"


def _transition_url(participation):
    return f"/api/v1/events/{participation.event_id}/enterprises/{participation.pk}/transitions/"


def test_enterprise_registers_with_its_posts(client_for, event, recruiter, posts, organizer):
    response = client_for(recruiter).post(
        _register_url(event),
        {"post_ids": [p.pk for p in posts], "note": "两名HR到场"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "pending"
    assert {post["id"] for post in body["posts"]} == {p.pk for p in posts}
    participation = EventEnterprise.objects.get()
    assert participation.registered_by == recruiter
    notice = Notification.objects.get(user=organizer, category="event")
    assert "梧州六堡茶业有限公司" in notice.title
    assert notice.url == event.get_absolute_url()
    assert AuditEvent.objects.filter(action="event_enterprise.register").exists()


def test_posts_must_be_the_enterprises_live_jobs(
    client_for, event, recruiter, posts, second_post, enterprise
):
    client = client_for(recruiter)
    other = client.post(_register_url(event), {"post_ids": [second_post.pk]}, format="json")
    assert other.status_code == 400
    assert other.json()["extra"]["field"] == "post_ids"
    draft = post_make(enterprise, recruiter, title="草稿岗位", status=ListingStatus.DRAFT)
    assert (
        client.post(_register_url(event), {"post_ids": [draft.pk]}, format="json").status_code
        == 400
    )
    cooperation = post_make(enterprise, recruiter, title="校企合作", kind="cooperation")
    refused = client.post(_register_url(event), {"post_ids": [cooperation.pk]}, format="json")
    assert refused.status_code == 400
    empty = client.post(_register_url(event), {"post_ids": []}, format="json")
    assert empty.json()["message"] == "请至少选择一个携带的岗位。"
    assert not EventEnterprise.objects.exists()


def test_a_school_or_a_student_may_not_register_as_an_enterprise(
    client_for, event, student, organizer, wuzhou_school, posts
):
    refused = client_for(student).post(
        _register_url(event), {"post_ids": [posts[0].pk]}, format="json"
    )
    assert refused.status_code == 403
    assert "机构管理员或信息员" in refused.json()["message"]
    school = client_for(organizer).post(
        _register_url(event),
        {"organization": wuzhou_school.pk, "post_ids": [posts[0].pk]},
        format="json",
    )
    assert school.status_code == 403
    assert (
        AuditEvent.objects.filter(action="event_enterprise.register", result="denied").count() == 2
    )


def test_an_enterprise_registers_once(client_for, event, recruiter, posts):
    client = client_for(recruiter)
    assert (
        client.post(_register_url(event), {"post_ids": [posts[0].pk]}, format="json").status_code
        == 201
    )
    again = client.post(_register_url(event), {"post_ids": [posts[1].pk]}, format="json")
    assert again.status_code == 400
    assert again.json()["message"] == "贵单位已报名该活动。"


def test_organiser_approves_and_the_enterprise_is_told(
    client_for, event, recruiter, posts, organizer
):
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    response = client_for(organizer).post(
        _transition_url(participation), {"action": "approve"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "approved"
    participation.refresh_from_db()
    assert participation.decided_by == organizer
    assert Notification.objects.filter(user=recruiter, title__contains="已通过审核").exists()
    assert TransitionRecord.objects.filter(
        workflow="event_enterprise", transition="approve", object_id=str(participation.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="event_enterprise.approve").exists()


def test_only_the_organiser_approves(client_for, event, recruiter, posts, second_recruiter):
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    for user in (recruiter, second_recruiter):
        response = client_for(user).post(
            _transition_url(participation), {"action": "approve"}, format="json"
        )
        assert response.status_code == 403
        assert response.json()["message"] == "只有主办单位可以审核参会单位。"
    participation.refresh_from_db()
    assert participation.state == ParticipationState.PENDING


def test_enterprise_capacity_is_enforced(
    client_for, make_event, recruiter, posts, second_recruiter, second_post, organizer
):
    event = make_event(enterprise_capacity=1)
    first = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    second = event_enterprise_register(
        actor=second_recruiter,
        event=event,
        organization=second_post.organization,
        post_ids=[second_post.pk],
    )
    event_enterprise_approve(actor=organizer, participation=first)
    response = client_for(organizer).post(
        _transition_url(second), {"action": "approve"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "参会单位已满（上限 1 家），不能再通过。"
    second.refresh_from_db()
    assert second.state == ParticipationState.PENDING


def test_decline_needs_a_reason_which_the_enterprise_reads(
    client_for, event, recruiter, posts, organizer
):
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    client = client_for(organizer)
    bare = client.post(_transition_url(participation), {"action": "decline"}, format="json")
    assert bare.status_code == 400
    assert bare.json()["extra"]["field"] == "reason"
    done = client.post(
        _transition_url(participation),
        {"action": "decline", "reason": "岗位与本次活动专业不符"},
        format="json",
    )
    assert done.json()["state"] == "declined"
    notice = Notification.objects.get(user=recruiter, title__contains="未通过")
    assert "岗位与本次活动专业不符" in notice.body


def test_the_enterprise_withdraws_and_may_register_again(
    client_for, event, recruiter, posts, organizer
):
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=posts[0].organization, post_ids=[posts[0].pk]
    )
    event_enterprise_approve(actor=organizer, participation=participation)
    client = client_for(recruiter)
    response = client.post(_transition_url(participation), {"action": "withdraw"}, format="json")
    assert response.json()["state"] == "withdrawn"
    assert Notification.objects.filter(user=organizer, title__contains="撤回").exists()
    again = client.post(_register_url(event), {"post_ids": [posts[1].pk]}, format="json")
    assert again.status_code == 201


def test_registration_refused_after_the_deadline(client_for, event, recruiter, posts):
    type(event).objects.filter(pk=event.pk).update(registration_deadline=timezone.now())
    response = client_for(recruiter).post(
        _register_url(event), {"post_ids": [posts[0].pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "报名已截止。"
