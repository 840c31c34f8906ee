"""Background entry points for subscriptions and the inbox."""

from django_tasks import task

from chanjiao.listings.hooks import ListingPublished, ListingTransitioned
from chanjiao.subscriptions.listing_notices import (
    REVIEW_ACTIONS,
    listing_review_notify,
    listings_expiring_notify,
)
from chanjiao.subscriptions.notices import notice_emails_send
from chanjiao.subscriptions.services import subscriptions_notify_for_listing


@task()
def notify_subscribers_task(*, listing_id: int) -> int:
    """Tell the subscribers whose saved filters match a newly published item."""
    return subscriptions_notify_for_listing(listing_id=listing_id)


def notify_subscribers_published(event: ListingPublished) -> None:
    """On-commit handler of ``listing_published_handlers``: tell the matching subscribers."""
    notify_subscribers_task.enqueue(listing_id=event.listing_id)


@task()
def notify_listing_review_task(
    *, listing_id: int, action: str, to_status: str, reason: str, actor_id: int | None = None
) -> int:
    """Tell an item's publisher that it was approved or rejected."""
    return listing_review_notify(
        listing_id=listing_id,
        action=action,
        to_status=to_status,
        reason=reason,
        actor_id=actor_id,
    )


def notify_listing_transitioned(event: ListingTransitioned) -> None:
    """On-commit handler of ``listing_transition_handlers``: tell the publisher of a review."""
    if event.action not in REVIEW_ACTIONS:
        return
    notify_listing_review_task.enqueue(
        listing_id=event.listing_id,
        action=event.action,
        to_status=event.to_status,
        reason=event.reason,
        actor_id=event.actor_id,
    )


@task()
def notify_expiring_listings_task() -> int:
    """Remind the publishers of live items that end in three days (once per item)."""
    return listings_expiring_notify()


@task()
def notice_emails_task(
    *, user_ids: list[int], category: str, title: str, body: str, url: str
) -> int:
    """E-mail one inbox message to the recipients who opted in to its category."""
    return notice_emails_send(user_ids=user_ids, category=category, title=title, body=body, url=url)
