"""Background entry points for subscriptions."""

from django_tasks import task

from chanjiao.listings.hooks import ListingPublished
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
def notice_emails_task(
    *, user_ids: list[int], category: str, title: str, body: str, url: str
) -> int:
    """E-mail one inbox message to the recipients who opted in to its category."""
    return notice_emails_send(user_ids=user_ids, category=category, title=title, body=body, url=url)
