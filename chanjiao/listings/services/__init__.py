"""Writes to supply and demand items; see each module for one part of the workflow."""

from chanjiao.listings.services.consent import (
    listing_personal_data_get,
    profile_consent_grant,
    profile_consent_withdraw,
)
from chanjiao.listings.services.lifecycle import (
    listing_approve,
    listing_close,
    listing_create,
    listing_reject,
    listing_submit,
    listing_update,
    listing_update_check,
    listings_advance,
)
from chanjiao.listings.services.reports import listing_report

__all__ = [
    "listing_approve",
    "listing_close",
    "listing_create",
    "listing_personal_data_get",
    "listing_reject",
    "listing_report",
    "listing_submit",
    "listing_update",
    "listing_update_check",
    "listings_advance",
    "profile_consent_grant",
    "profile_consent_withdraw",
]
