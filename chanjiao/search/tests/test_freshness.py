"""The index follows the listings' lifecycle through the durable queue, on every backend."""

import pytest

from chanjiao.listings import services
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.search.models import SearchEntry, SearchQueue
from chanjiao.search.selectors import SearchParams, search_listings


def _found(q):
    page = search_listings(params=SearchParams(q=q))
    # The engine's own total must agree: hits are re-checked against the database, the count not.
    assert page.total == len(page.hits)
    return [hit.listing.pk for hit in page.hits]


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


def _publish(recruiter, enterprise, reviewer, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return listing_make(
            kind="job", author=recruiter, organization=enterprise, reviewer=reviewer,
            overrides={"title": "六堡茶拼配师", **overrides},
        )  # fmt: skip


def test_published_item_is_found_by_the_next_query(
    search_backend, recruiter, enterprise, reviewer, django_capture_on_commit_callbacks
):
    listing = _publish(recruiter, enterprise, reviewer, django_capture_on_commit_callbacks)

    assert _found("拼配") == [listing.pk]
    assert not SearchQueue.objects.exists()
    assert SearchEntry.objects.get(listing_id=listing.pk).is_public is True


def test_draft_is_queued_in_the_same_transaction_but_never_found(
    search_backend, recruiter, enterprise, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing = listing_make(kind="job", author=recruiter, organization=enterprise)

    assert SearchQueue.objects.filter(listing_id=listing.pk).count() == 1
    assert len(callbacks) >= 1
    for callback in callbacks:
        callback()
    assert _found("数控") == []
    assert not SearchQueue.objects.exists()


def test_edit_takes_item_out_until_approved_again(
    search_backend, recruiter, enterprise, reviewer, django_capture_on_commit_callbacks
):
    listing = _publish(recruiter, enterprise, reviewer, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        listing = services.listing_update(
            actor=recruiter, listing=listing, values={"title": "六堡茶审评员"}
        )
    assert _found("拼配") == []
    assert _found("审评") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_approve(actor=reviewer, listing=listing)

    assert _found("审评") == [listing.pk]
    assert _found("拼配") == []


def test_closed_item_leaves_the_index_with_a_tombstone(
    search_backend, recruiter, enterprise, reviewer, django_capture_on_commit_callbacks
):
    listing = _publish(recruiter, enterprise, reviewer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_close(actor=recruiter, listing=listing, reason="已招满")

    assert _found("拼配") == []
    assert SearchEntry.objects.get(listing_id=listing.pk).is_public is False


def test_reported_item_leaves_the_index(
    search_backend, recruiter, enterprise, reviewer, student, django_capture_on_commit_callbacks
):
    listing = _publish(recruiter, enterprise, reviewer, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        services.listing_report(actor=student, listing=listing, reason="fake")

    assert _found("拼配") == []


def test_rolled_back_change_leaves_no_queue_row(search_backend, recruiter, enterprise):
    from django.db import transaction

    def create_then_fail():
        with transaction.atomic():
            listing_make(kind="job", author=recruiter, organization=enterprise)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        create_then_fail()

    assert not SearchQueue.objects.exists()


def test_published_item_changed_by_import_leaves_the_index(
    search_backend, recruiter, enterprise, reviewer, django_capture_on_commit_callbacks
):
    from chanjiao.listings.tests.importing.files import csv_bytes, import_bytes, job_row, table

    with django_capture_on_commit_callbacks(execute=True):
        import_bytes(
            actor=recruiter, organization=enterprise, content=csv_bytes(table([job_row(1)]))
        )
    imported = enterprise.listings.get(external_id="J0001")
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(actor=recruiter, listing=imported)
        services.listing_approve(actor=reviewer, listing=imported)
    word = imported.title[:2]
    assert imported.pk in _found(word)

    with django_capture_on_commit_callbacks(execute=True):
        changed = csv_bytes(table([job_row(1, salary_max=99999)]))
        import_bytes(actor=recruiter, organization=enterprise, content=changed)

    assert imported.pk not in _found(word)
