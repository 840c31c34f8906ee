"""Two reviewers approve one item at the same moment: exactly one wins (PostgreSQL row lock)."""

import time

import pytest
from django.db import connection

from chanjiao.common.tests.concurrent_requests import post_at_once
from chanjiao.listings import history as listing_history
from chanjiao.listings import services
from chanjiao.listings.models import Listing, ListingEvent, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.workflow.models import TransitionRecord

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="两个连接争用行锁，只在 PostgreSQL 上测试"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_approvals_exactly_one_wins(recruiter, enterprise, wuzhou_gov, monkeypatch):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)
    services.listing_submit(actor=recruiter, listing=listing)
    reviewers = [reviewer_for(wuzhou_gov, "reviewer_a"), reviewer_for(wuzhou_gov, "reviewer_b")]
    # Hold the row lock a little longer, so the second request surely waits on it.
    changed = listing_history.listings_changed

    def slow_listings_changed(ids: list[int]) -> None:
        time.sleep(0.3)
        changed(ids)

    monkeypatch.setattr(listing_history, "listings_changed", slow_listings_changed)
    results = post_at_once(reviewers, f"/api/v1/listings/{listing.pk}/approve/")

    codes = sorted(code for code, _ in results.values())
    assert codes == [200, 400], results
    loser = next(body for code, body in results.values() if code == 400)
    assert loser["message"] == "该信息当前状态为“已发布”，不能执行“审核通过”（可能已被他人处理）。"
    winner = next(name for name, (code, _) in results.items() if code == 200)
    saved = Listing.objects.get(pk=listing.pk)
    assert saved.status == ListingStatus.PUBLISHED
    assert saved.reviewed_by.username == winner
    assert (
        TransitionRecord.objects.filter(object_id=str(listing.pk), transition="approve").count()
        == 1
    )
    assert ListingEvent.objects.filter(listing=saved, action="approve").count() == 1
