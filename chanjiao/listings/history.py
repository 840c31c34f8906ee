"""An item's own history (its page and API read it), written for every create, edit and step."""

from typing import TYPE_CHECKING, Any

from chanjiao.common.users import account_or_none
from chanjiao.listings.hooks import listings_changed
from chanjiao.listings.models import Listing, ListingEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User


def listing_event_record(
    *,
    listing: Listing,
    actor: "User | AnonymousUser | None",
    action: str,
    from_status: str,
    reason: str = "",
    snapshot: dict[str, Any] | None = None,
) -> ListingEvent:
    """Write one history row of the item and announce the change to the apps derived from it."""
    event = ListingEvent.objects.create(
        listing=listing,
        actor=account_or_none(actor),
        action=action,
        from_status=from_status,
        to_status=listing.status,
        reason=reason,
        snapshot=snapshot or {},
        version=listing.version,
    )
    listings_changed([listing.pk])
    return event
