"""What applications does when a post changes (registered in ``AppConfig.ready()``)."""

from chanjiao.applications.services import applications_close_for_listing
from chanjiao.listings.hooks import ListingTransitioned


def close_applications_of_closed_post(event: ListingTransitioned) -> None:
    """Close the post's open applications inside the post's close transaction.

    Only an explicit close: an expired post may still be interviewing its applicants.
    """
    if event.action == "close":
        applications_close_for_listing(event.listing_id)
