"""Confirmed title → occupation labels from publishers (declared or confirmed occupations).

Reviewers' and staff corrections are in corrections.py; the classifier's re-fit learns from both.
"""

from chanjiao.crosswalk.classifier import occupation_classify
from chanjiao.crosswalk.models import TitleLabel, TitleLabelSource
from chanjiao.listings.models import Listing, OccupationSource

PUBLISHER_SOURCES = (OccupationSource.DECLARED, OccupationSource.CONFIRMED)


def _guessed_id(listing: Listing, guessed_occupation_id: int | None) -> int | None:
    if guessed_occupation_id is not None:
        return guessed_occupation_id
    return occupation_classify(listing.title, listing.description).occupation_id


def title_label_from_publisher(
    listing: Listing, *, guessed_occupation_id: int | None = None
) -> TitleLabel | None:
    """Record (or update) the publisher's label of a post whose occupation they chose or confirmed.

    Returns None when the post's occupation is not the publisher's (classified or empty).
    """
    if listing.occupation_id is None or listing.occupation_source not in PUBLISHER_SOURCES:
        TitleLabel.objects.filter(listing=listing, source=TitleLabelSource.PUBLISHER).delete()
        return None
    label, _ = TitleLabel.objects.update_or_create(
        listing=listing,
        source=TitleLabelSource.PUBLISHER,
        defaults={
            "title": listing.title[:200],
            "description": listing.description,
            "occupation_id": listing.occupation_id,
            "labelled_by_id": listing.author_id,
            "guessed_occupation_id": _guessed_id(listing, guessed_occupation_id),
        },
    )
    return label
