"""A listing's content as plain JSON, kept in its history at every edit (the phone masked)."""

from typing import Any

from chanjiao.common.masking import mask_phone
from chanjiao.listings.models import LISTING_CONTENT_FIELDS, Listing


def listing_snapshot(listing: Listing) -> dict[str, Any]:
    """Return the item's editable content (codes for catalogue links, ISO dates).

    The contact phone is kept masked: the history is read by more people than the item's
    publisher, and the item itself holds the phone encrypted.
    """
    data: dict[str, Any] = {name: getattr(listing, name) for name in LISTING_CONTENT_FIELDS}
    data["contact_phone"] = mask_phone(listing.contact_phone)
    data["region"] = listing.region.code if listing.region_id else None
    data["occupation"] = listing.occupation.code if listing.occupation is not None else None
    data["industry"] = listing.industry.code if listing.industry is not None else None
    data["valid_from"] = listing.valid_from.isoformat() if listing.valid_from else None
    data["valid_until"] = listing.valid_until.isoformat() if listing.valid_until else None
    data["majors"] = sorted(m.code for m in listing.majors.all()) if listing.pk else []
    data["details"] = dict(listing.details)
    return data
