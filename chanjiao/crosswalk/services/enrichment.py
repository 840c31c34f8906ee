"""Classify job and internship posts to 大典 occupations and store the result.

``Listing.occupation_source`` decides what is kept: an occupation the publisher declared or
confirmed is kept (and recorded as a TitleLabel for the re-fit); a ``classified`` one, or none,
is re-classified when the post changed, and a 细类 guess is written back to the post with its
confidence (by ``update()``, so no edit signal loops back here). A post with an occupation but
no source (written before sources existed) counts as declared.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import F, Q

from chanjiao.catalogs.models import Occupation
from chanjiao.crosswalk.classifier import OccupationGuess, classifier_version, occupation_classify
from chanjiao.crosswalk.models import ClassificationMethod, ListingOccupation
from chanjiao.crosswalk.services.title_labels import PUBLISHER_SOURCES, title_label_from_publisher
from chanjiao.listings.hooks import listings_changed
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, OccupationSource

ENRICHED_KINDS = (ListingKind.JOB, ListingKind.INTERNSHIP)
BATCH_SIZE = 500


def _is_declared(listing: Listing) -> bool:
    return listing.occupation_id is not None and (
        listing.occupation_source in PUBLISHER_SOURCES or not listing.occupation_source
    )


def _values_for(listing: Listing, version: str, guess: OccupationGuess) -> dict[str, object]:
    values: dict[str, object] = {
        "guessed_occupation_id": guess.occupation_id,
        "guessed_confidence": guess.confidence,
        "candidates": [
            {"code": code, "name": name, "score": score} for code, name, score in guess.candidates
        ],
        "classifier_version": version,
        "listing_version": listing.version,
    }
    if _is_declared(listing):
        values |= {
            "occupation_id": listing.occupation_id,
            "method": ClassificationMethod.DECLARED,
            "confidence": 1.0,
        }
    else:
        values |= {
            "occupation_id": guess.occupation_id,
            "method": ClassificationMethod.CLASSIFIED,
            "confidence": guess.confidence,
        }
    return values


def listing_enrich(listing: Listing) -> ListingOccupation | None:
    """Classify one job or internship post now and store its occupation (None for other kinds)."""
    if listing.kind not in ENRICHED_KINDS:
        return None
    guess = occupation_classify(listing.title, listing.description)
    title_label_from_publisher(listing, guessed_occupation_id=guess.occupation_id)
    if (
        not _is_declared(listing)
        and guess.level == Occupation.Level.OCCUPATION
        and guess.occupation_id is not None
    ):
        _write_classified(listing, guess)
    row, _ = ListingOccupation.objects.update_or_create(
        listing=listing, defaults=_values_for(listing, classifier_version(), guess)
    )
    return row


def _write_classified(listing: Listing, guess: OccupationGuess) -> None:
    """Store a 细类 guess on the post itself (source ``classified``) without an edit signal."""
    values = {
        "occupation_id": guess.occupation_id,
        "occupation_source": OccupationSource.CLASSIFIED,
        # Rounded as the forms round it, so a re-check of the same input sees no change.
        "occupation_confidence": round(guess.confidence, 4),
    }
    changed = listing.occupation_id != guess.occupation_id
    Listing.objects.filter(pk=listing.pk).update(**values)
    for name, value in values.items():
        setattr(listing, name, value)
    if changed:
        # Search and the recommendation lists read the post's occupation: they are stale now.
        # classify_now=False: this is the classification, there is nothing left to classify.
        listings_changed([listing.pk], classify_now=False)


def listings_enrich_for(listing_ids: Iterable[int]) -> int:
    """Classify the given posts (jobs and internships among them); return how many were stored."""
    ids = list(listing_ids)
    listings = Listing.objects.filter(pk__in=ids, kind__in=ENRICHED_KINDS).order_by("pk")
    count = 0
    for listing in listings:
        with transaction.atomic():
            listing_enrich(listing)
        count += 1
    return count


def listings_enrich_pending_condition(version: str) -> Q:
    """Return the condition of posts whose stored classification is missing or stale."""
    return Q(kind__in=ENRICHED_KINDS) & (
        Q(occupation_classification__isnull=True)
        | Q(occupation_classification__listing_version__lt=F("version"))
        | ~Q(occupation_classification__classifier_version=version)
    )


def listings_enrich_pending(
    *, batch_size: int = BATCH_SIZE, progress: Callable[[int, int], None] | None = None
) -> int:
    """Classify every post not yet classified at its current version; return how many."""
    version = classifier_version()
    pending = Listing.objects.filter(listings_enrich_pending_condition(version))
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), batch_size):
        done += listings_enrich_for(ids[start : start + batch_size])
        if progress is not None:
            progress(done, len(ids))
    return done
