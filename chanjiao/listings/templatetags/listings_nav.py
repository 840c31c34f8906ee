"""Navigation tags: the kinds and the reviewer's pending count."""

from django import template
from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.listings.kinds import KINDS
from chanjiao.listings.permissions import user_is_reviewer
from chanjiao.listings.selectors import review_queue_counts

register = template.Library()


@register.simple_tag
def review_pending_count(user: User | AnonymousUser) -> int | None:
    """Return how many items wait for this reviewer, or None for a user who reviews nothing."""
    if not user.is_authenticated or not user_is_reviewer(user):
        return None
    return review_queue_counts(fetched_by=user)["total"]


@register.simple_tag
def listing_kinds() -> list[tuple[str, str]]:
    """Return the ten kinds as (kind, Chinese label) pairs."""
    return [(key, spec.label) for key, spec in KINDS.items()]
