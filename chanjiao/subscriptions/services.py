"""Saved searches and the in-platform inbox (filled in by the subscriptions work)."""


def subscriptions_notify_for_listing(*, listing_id: int) -> int:
    """Notify subscribers of one newly published item; return how many were told."""
    return 0
