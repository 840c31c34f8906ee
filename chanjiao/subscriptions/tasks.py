"""Background entry points for subscriptions."""

from django_tasks import task

from chanjiao.listings.hooks import ListingPublished
from chanjiao.subscriptions.services import subscriptions_notify_for_listing


@task()
def notify_subscribers_task(*, listing_id: int) -> int:
    """Tell the subscribers whose saved filters match a newly published item."""
    return subscriptions_notify_for_listing(listing_id=listing_id)


def notify_subscribers_published(event: ListingPublished) -> None:
    """On-commit handler of ``listing_published_handlers``: tell the matching subscribers."""
    notify_subscribers_task.enqueue(listing_id=event.listing_id)
