"""Classify job and internship posts to 大典 occupations and store the result."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import F, Q

from chanjiao.crosswalk.classifier import classifier_version, occupation_classify
from chanjiao.crosswalk.models import ClassificationMethod, ListingOccupation
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing

ENRICHED_KINDS = (ListingKind.JOB, ListingKind.INTERNSHIP)
BATCH_SIZE = 500


def _values_for(listing: Listing, version: str) -> dict[str, object]:
    guess = occupation_classify(listing.title, listing.description)
    values: dict[str, object] = {
        "guessed_occupation_id": guess.occupation_id,
        "guessed_confidence": guess.confidence,
        "candidates": [
            {"code": code, "name": name, "score": score} for code, name, score in guess.candidates
        ],
        "classifier_version": version,
        "listing_version": listing.version,
    }
    if listing.occupation_id is not None:
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
    row, _ = ListingOccupation.objects.update_or_create(
        listing=listing, defaults=_values_for(listing, classifier_version())
    )
    return row


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
