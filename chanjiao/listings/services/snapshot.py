"""A listing's content as plain JSON, kept in its history at every edit."""

from typing import Any

from chanjiao.listings.models import LISTING_CONTENT_FIELDS, Listing


def listing_snapshot(listing: Listing) -> dict[str, Any]:
    """Return the item's editable content (codes for catalogue links, ISO dates)."""
    data: dict[str, Any] = {name: getattr(listing, name) for name in LISTING_CONTENT_FIELDS}
    data["region"] = listing.region.code if listing.region_id else None
    data["occupation"] = listing.occupation.code if listing.occupation is not None else None
    data["industry"] = listing.industry.code if listing.industry is not None else None
    data["valid_from"] = listing.valid_from.isoformat() if listing.valid_from else None
    data["valid_until"] = listing.valid_until.isoformat() if listing.valid_until else None
    data["majors"] = sorted(m.code for m in listing.majors.all()) if listing.pk else []
    data["details"] = dict(listing.details)
    return data
