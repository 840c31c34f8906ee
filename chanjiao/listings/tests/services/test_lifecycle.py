"""The workflow's rules through the services: editing, scheduling, expiry, history, closing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings import services
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.models import Listing, ListingEvent, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for, valid_input
from chanjiao.listings.validation import listing_values_clean

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def published_job(recruiter, enterprise, reviewer):
    return listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)


def test_editing_a_published_item_sends_it_back_to_review(recruiter, published_job):
    values = listing_values_clean(
        kind_spec("job"), {**valid_input("job"), "title": "数控车工（急招）"}
    )

    listing = services.listing_update(actor=recruiter, listing=published_job, values=values)

    assert listing.status == ListingStatus.SUBMITTED
    assert listing.version == 2
    assert not Listing.objects.public().filter(pk=listing.pk).exists()
    snapshots = [
        e.snapshot["title"] for e in listing.events.filter(action__in=["create", "update"])
    ]
    assert snapshots == ["数控车工", "数控车工（急招）"]


def test_history_keeps_every_transition(recruiter, published_job, reviewer):
    services.listing_close(actor=reviewer, listing=published_job, reason="岗位已招满")

    steps = list(
        published_job.events.order_by("pk").values_list("action", "from_status", "to_status")
    )
    assert steps == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("approve", "submitted", "published"),
        ("close", "published", "closed"),
    ]


def test_job_industry_comes_from_the_employer(published_job, enterprise):
    assert published_job.industry_id == enterprise.industry_id
    assert published_job.industry.code == "1530"


def test_approval_before_start_date_waits_until_it(recruiter, enterprise, reviewer):
    today = timezone.localdate()
    start = today + datetime.timedelta(days=3)
    listing = listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"valid_from": start.isoformat()},
    )
    assert listing.status == ListingStatus.APPROVED

    assert services.listings_advance(today=start - datetime.timedelta(days=1)) == {
        "published": 0,
        "expired": 0,
    }
    assert services.listings_advance(today=start) == {"published": 1, "expired": 0}
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED
    assert listing.published_at is not None


def test_items_expire_after_their_end_date(published_job):
    end = published_job.valid_until

    assert services.listings_advance(today=end)["expired"] == 0
    assert services.listings_advance(today=end + datetime.timedelta(days=1))["expired"] == 1
    published_job.refresh_from_db()
    assert published_job.status == ListingStatus.EXPIRED
    assert (
        ListingEvent.objects.filter(listing=published_job, action="expire", actor=None).count() == 1
    )


def test_advance_command_reports_counts(published_job, capsys):
    call_command("listings_advance")

    assert "已发布 0 条，已过期 0 条。" in capsys.readouterr().out


def test_item_past_its_end_date_cannot_be_submitted(recruiter, enterprise):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)
    Listing.objects.filter(pk=listing.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    listing.refresh_from_db()

    with pytest.raises(ApplicationError, match="有效期已过"):
        services.listing_submit(actor=recruiter, listing=listing)


def test_outsider_cannot_edit_and_the_refusal_is_audited(outsider, published_job):
    from chanjiao.audit.models import AuditEvent

    with pytest.raises(PermissionDeniedError):
        services.listing_update(actor=outsider, listing=published_job, values={"title": "篡改"})

    published_job.refresh_from_db()
    assert published_job.title == "数控车工"
    assert AuditEvent.objects.get(action="listing.update", result="denied").actor == outsider


def test_closed_item_cannot_be_edited(recruiter, published_job):
    services.listing_close(actor=recruiter, listing=published_job)

    with pytest.raises(ApplicationError, match="“已关闭”状态的信息不能修改"):
        services.listing_update(actor=recruiter, listing=published_job, values={"title": "x"})


def test_personal_profile_is_written_by_the_person_only(student, recruiter):
    spec = kind_spec("jobseeker")
    values = listing_values_clean(spec, valid_input("jobseeker"))

    profile = services.listing_create(actor=student, spec=spec, organization=None, values=values)

    assert profile.author == student
    assert profile.organization is None
    with pytest.raises(PermissionDeniedError):
        services.listing_update(actor=recruiter, listing=profile, values={"title": "x"})


def test_item_past_its_end_date_leaves_public_lists_before_the_job_runs(published_job, api_client):
    Listing.objects.filter(pk=published_job.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    assert api_client.get("/api/v1/listings/?kind=job").json()["count"] == 0
    assert Listing.objects.get(pk=published_job.pk).status == ListingStatus.PUBLISHED
