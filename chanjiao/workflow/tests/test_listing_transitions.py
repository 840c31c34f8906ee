"""The workflow primitive through the listings API: allowed, refused and audited, wrong state,
history and audit written, and the transitions each user is offered."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.listings.models import Listing, ListingEvent, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for, valid_input
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def draft(recruiter, enterprise):
    return listing_make(kind="job", author=recruiter, organization=enterprise)


@pytest.fixture
def submitted(client_for, recruiter, draft):
    response = client_for(recruiter).post(f"/api/v1/listings/{draft.pk}/submit/")
    assert response.status_code == 200, response.json()
    return Listing.objects.get(pk=draft.pk)


def _records(listing):
    return list(
        TransitionRecord.objects.filter(workflow="listing", object_id=str(listing.pk))
        .order_by("pk")
        .values_list("transition", "from_state", "to_state", "actor__username")
    )


def test_allowed_transition_writes_one_history_row_and_one_audit_event(
    client_for, reviewer, submitted
):
    response = client_for(reviewer).post(f"/api/v1/listings/{submitted.pk}/approve/")

    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert _records(submitted) == [
        ("submit", "draft", "submitted", "recruiter"),
        ("approve", "submitted", "published", "reviewer"),
    ]
    events = AuditEvent.objects.filter(action="listing.approve", target_id=str(submitted.pk))
    assert [(e.result, e.actor_id, e.changes["status"]) for e in events] == [
        (AuditResult.SUCCESS, reviewer.pk, ["submitted", "published"])
    ]
    # The item's own history (read by the history page and API) is kept as before.
    assert ListingEvent.objects.filter(listing=submitted, action="approve").count() == 1


def test_refused_transition_is_403_and_audited_as_denied(client_for, recruiter, submitted):
    # The publisher may close its item but may not approve it.
    response = client_for(recruiter).post(f"/api/v1/listings/{submitted.pk}/approve/")

    assert response.status_code == 403
    assert response.json()["message"] == "不能审核自己提交的信息。"
    denied = AuditEvent.objects.get(action="listing.approve", result=AuditResult.DENIED)
    assert (denied.actor_id, denied.target_id) == (recruiter.pk, str(submitted.pk))
    assert Listing.objects.get(pk=submitted.pk).status == ListingStatus.SUBMITTED
    assert [r[0] for r in _records(submitted)] == ["submit"]


def test_transition_from_the_wrong_state_changes_nothing(client_for, recruiter, submitted):
    client = client_for(recruiter)
    listing_events = AuditEvent.objects.filter(action__startswith="listing.").count()

    response = client.post(f"/api/v1/listings/{submitted.pk}/submit/")

    assert response.status_code == 400
    assert response.json()["message"] == (
        "该信息当前状态为“待审核”，不能执行“提交审核”（可能已被他人处理）。"
    )
    assert Listing.objects.get(pk=submitted.pk).status == ListingStatus.SUBMITTED
    assert [r[0] for r in _records(submitted)] == ["submit"]
    assert AuditEvent.objects.filter(action__startswith="listing.").count() == listing_events


def test_second_approval_gets_a_clear_chinese_error(client_for, reviewer, wuzhou_gov, submitted):
    other_reviewer = reviewer_for(wuzhou_gov, username="reviewer2")
    assert client_for(reviewer).post(f"/api/v1/listings/{submitted.pk}/approve/").status_code == 200
    second = client_for(other_reviewer)
    records_before = _records(submitted)
    events_before = AuditEvent.objects.count()

    response = second.post(f"/api/v1/listings/{submitted.pk}/approve/")

    assert response.status_code == 400
    assert response.json()["message"] == (
        "该信息当前状态为“已发布”，不能执行“审核通过”（可能已被他人处理）。"
    )
    listing = Listing.objects.get(pk=submitted.pk)
    assert (listing.status, listing.reviewed_by_id) == (ListingStatus.PUBLISHED, reviewer.pk)
    assert _records(submitted) == records_before
    assert AuditEvent.objects.count() == events_before


def _available(client, listing):
    body = client.get(f"/api/v1/listings/{listing.pk}/").json()
    return [(t["name"], t["label"]) for t in body["available_transitions"]]


def test_available_transitions_are_listed_per_user(
    client_for, api_client, recruiter, reviewer, outsider, draft
):
    author = client_for(recruiter)
    assert _available(author, draft) == [("submit", "提交审核")]

    author.post(f"/api/v1/listings/{draft.pk}/submit/")
    assert _available(author, draft) == [("close", "关闭信息")]
    assert _available(client_for(reviewer), draft) == [
        ("approve", "审核通过"),
        ("reject", "驳回"),
        ("close", "关闭信息"),
    ]

    client_for(reviewer).post(f"/api/v1/listings/{draft.pk}/approve/")
    assert _available(client_for(outsider), draft) == [("report", "举报")]
    assert _available(api_client, draft) == []
    assert _available(author, draft) == [("close", "关闭信息")]


def test_a_future_item_is_approved_for_later_under_the_same_action(
    client_for, recruiter, enterprise, reviewer
):
    import datetime

    from django.utils import timezone

    start = timezone.localdate() + datetime.timedelta(days=5)
    listing = listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        overrides={
            "valid_from": start.isoformat(),
            "valid_until": (start + datetime.timedelta(days=30)).isoformat(),
        },
    )
    client_for(recruiter).post(f"/api/v1/listings/{listing.pk}/submit/")
    assert ("approve", "审核通过") in _available(client_for(reviewer), listing)

    response = client_for(reviewer).post(f"/api/v1/listings/{listing.pk}/approve/")

    assert response.json()["status"] == "approved"
    assert _records(listing)[-1] == ("approve", "submitted", "approved", "reviewer")


def test_detail_page_shows_exactly_the_available_buttons(client, recruiter, reviewer, submitted):
    url = submitted.get_absolute_url()
    client.force_login(reviewer)
    page = client.get(url).content.decode()
    assert "审核通过</button>" in page
    assert "关闭信息</button>" in page
    assert "提交审核</button>" not in page

    client.force_login(recruiter)
    page = client.get(url).content.decode()
    assert "审核通过</button>" not in page
    assert "提交审核</button>" not in page
    assert "关闭信息</button>" in page


def test_closing_records_the_reason(client_for, recruiter, submitted):
    response = client_for(recruiter).post(
        f"/api/v1/listings/{submitted.pk}/close/", {"reason": "岗位已招满"}
    )

    assert response.status_code == 200
    record = TransitionRecord.objects.filter(object_id=str(submitted.pk)).last()
    assert (record.transition, record.reason) == ("close", "岗位已招满")
    assert valid_input("job")["title"] == Listing.objects.get(pk=submitted.pk).title
