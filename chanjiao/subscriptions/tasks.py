"""Background entry points for subscriptions."""

from django_tasks import task


@task()
def notify_subscribers_task(*, listing_id: int) -> int:
    """Tell the subscribers whose saved filters match a newly published item."""
    from chanjiao.subscriptions.services import subscriptions_notify_for_listing

    return subscriptions_notify_for_listing(listing_id=listing_id)
