"""What listings announce to the apps that keep something derived from them.

Listings sits below search, recommendations, crosswalk and subscriptions and never imports them;
each of those apps registers its handlers here in its ``AppConfig.ready()`` (see
``chanjiao.common.hooks``). The listings services call the three senders at the end, inside the
transaction of every change: the search index and the recommendations are marked in that
transaction (never silently stale, STYLE §5); the occupation of a job or internship post is
classified once the change is committed, and subscribers hear of a published item after commit.
The periodic jobs in config/schedules.py catch up on anything a failed task left behind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chanjiao.common.hooks import Hooks

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.utils.safestring import SafeString

    from chanjiao.listings.models import Listing


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


@dataclass(frozen=True)
class ListingTransitioned:
    """A listing took a workflow step inside the current transaction (approve, reject, close…).

    ``actor_id`` is None for the scheduler or the console. Handlers that must act with the change
    (closing the post's open applications) register plain; those that tell people (the
    publisher's inbox) register ``on_commit=True``.
    """

    listing_id: int
    action: str
    from_status: str
    to_status: str
    reason: str
    actor_id: int | None


listing_change_handlers: Hooks[ListingsChanged] = Hooks("listings changed")
listing_published_handlers: Hooks[ListingPublished] = Hooks("listing published")
profile_consent_handlers: Hooks[ProfileConsentsChanged] = Hooks("profile consents changed")
listing_transition_handlers: Hooks[ListingTransitioned] = Hooks("listing transitioned")

# Boxes that higher apps add to an item's detail page (the "apply" box of applications, the
# "contact the school" box of contact requests): each returns HTML for this viewer, or "".
# Listings renders them in registration order without knowing what they are.
DetailPanel = Callable[["HttpRequest", "Listing"], "SafeString | str"]
detail_panels: list[DetailPanel] = []


def detail_panel_register(panel: DetailPanel) -> DetailPanel:
    """Add a box to every item's detail page (once, however often ``ready()`` runs)."""
    if panel not in detail_panels:
        detail_panels.append(panel)
    return panel


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


def listing_transitioned(
    *,
    listing_id: int,
    action: str,
    from_status: str,
    to_status: str,
    reason: str,
    actor_id: int | None,
) -> None:
    """A workflow step was taken: apps that follow an item's state react (see the class)."""
    listing_transition_handlers.send(
        ListingTransitioned(
            listing_id=listing_id,
            action=action,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            actor_id=actor_id,
        )
    )


@dataclass(frozen=True)
class OccupationSuggestion:
    """The classifier's occupation for a post that gave none, and the industry it implies."""

    occupation_id: int
    code: str
    name: str
    confidence: float
    industry_id: int | None = None


# Fills a post's occupation when the publisher gives none: (title, description) → suggestion or
# None. Crosswalk registers its classifier here (listings sits below crosswalk).
OccupationGuesser = Callable[[str, str], "OccupationSuggestion | None"]
occupation_guessers: list[OccupationGuesser] = []


def occupation_guesser_register(guesser: OccupationGuesser) -> OccupationGuesser:
    """Register the function that guesses a post's occupation (once, however often ready runs)."""
    if guesser not in occupation_guessers:
        occupation_guessers.append(guesser)
    return guesser


def occupation_guess(title: str, description: str = "") -> OccupationSuggestion | None:
    """Ask the registered guesser (the last registered wins); None when there is none."""
    if not occupation_guessers or not title.strip():
        return None
    return occupation_guessers[-1](title, description)
