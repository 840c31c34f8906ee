"""What listings announce to the apps that keep something derived from them.

Listings sits below search, recommendations, crosswalk and subscriptions and never imports them;
each of those apps registers its handlers here in its ``AppConfig.ready()`` (see
``chanjiao.common.hooks``). The listings services call the three senders at the end, inside the
transaction of every change: the search index and the recommendations are marked in that
transaction (never silently stale, STYLE §5); the occupation of a job or internship post is
classified once the change is committed, and subscribers hear of a published item after commit.
The periodic jobs in config/schedules.py catch up on anything a failed task left behind.
"""

from dataclasses import dataclass

from chanjiao.common.hooks import Hooks


@dataclass(frozen=True)
class ListingsChanged:
    """Some listings changed inside the current transaction.

    ``classify_now`` is False for bulk writers: the periodic enrichment job classifies every post
    whose version moved, in batches, instead of one long task after the commit.
    """

    listing_ids: list[int]
    classify_now: bool = True


@dataclass(frozen=True)
class ListingPublished:
    """A listing was published inside the current transaction."""

    listing_id: int


@dataclass(frozen=True)
class ProfileConsentsChanged:
    """A consent of these job-seeker profiles was granted or withdrawn."""

    profile_ids: list[int]


listing_change_handlers: Hooks[ListingsChanged] = Hooks("listings changed")
listing_published_handlers: Hooks[ListingPublished] = Hooks("listing published")
profile_consent_handlers: Hooks[ProfileConsentsChanged] = Hooks("profile consents changed")


def listings_changed(listing_ids: list[int], *, classify_now: bool = True) -> None:
    """Mark the search index and the recommendations stale and classify the posts after commit.

    Bulk writers pass ``classify_now=False``: the periodic enrichment job classifies every post
    whose version moved, in batches, instead of one long task after the commit.
    """
    event = ListingsChanged(listing_ids=list(listing_ids), classify_now=classify_now)
    listing_change_handlers.send(event)


def listing_published(listing_id: int) -> None:
    """A listing was published: its subscribers are told once the change is committed."""
    listing_published_handlers.send(ListingPublished(listing_id=listing_id))


def profile_consents_changed(profile_ids: list[int]) -> None:
    """A consent was granted or withdrawn: the lists that may show these profiles are stale."""
    profile_consent_handlers.send(ProfileConsentsChanged(profile_ids=list(profile_ids)))
