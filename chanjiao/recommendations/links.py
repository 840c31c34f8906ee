"""The crosswalk as the recommender sees it: the crosswalk app's selectors, in plain dicts.

``chanjiao.crosswalk.selectors`` is the source of truth (official, curated and inferred links);
this module only adds the Chinese evidence labels and, for items nobody has classified yet, an
on-the-spot classification.
"""

from typing import Any

from chanjiao.crosswalk.classifier import occupation_classify
from chanjiao.crosswalk.selectors import (
    crosswalk_industries_for_occupations,
    crosswalk_majors_for_occupations,
    crosswalk_occupations_for_majors,
)
from chanjiao.crosswalk.selectors import listing_occupations as stored_listing_occupations
from chanjiao.listings.models import Listing

EVIDENCE_LABELS = {"official": "课标", "inferred": "推断", "curated": "人工校订"}


def evidence_label(evidence: str) -> str:
    """Return the Chinese label of an evidence kind (课标 / 推断 / 人工校订)."""
    return EVIDENCE_LABELS.get(evidence, evidence)


def occupations_for_majors(major_ids: list[int]) -> dict[int, list[Any]]:
    """Return the crosswalk edges of each major."""
    return dict(crosswalk_occupations_for_majors(major_ids))


def majors_for_occupations(occupation_ids: list[int]) -> dict[int, list[Any]]:
    """Return the crosswalk edges of each occupation."""
    return dict(crosswalk_majors_for_occupations(occupation_ids))


def industries_for_occupations(
    occupation_ids: list[int],
) -> dict[int, list[tuple[int, float, str]]]:
    """Return (industry id, weight, evidence) per occupation."""
    return dict(crosswalk_industries_for_occupations(occupation_ids)) if occupation_ids else {}


def listing_occupations(listing_ids: list[int]) -> dict[int, tuple[int, float, str]]:
    """Return (occupation id, confidence, source) per item: declared, stored, else classified."""
    out: dict[int, tuple[int, float, str]] = {}
    rows = Listing.objects.filter(pk__in=listing_ids).values_list(
        "pk", "occupation_id", "title", "description", "occupation_source", "occupation_confidence"
    )
    missing = {pk: (title, text) for pk, occ, title, text, _, _ in rows if not occ}
    # An occupation the classifier filled in counts with its confidence, not as declared.
    out.update(
        {
            pk: (occ, 1.0, "declared")
            if source != "classified" or confidence is None
            else (occ, float(confidence), "classified")
            for pk, occ, _, _, source, confidence in rows
            if occ
        }
    )
    if missing:
        for pk, view in stored_listing_occupations(list(missing)).items():
            if view is not None and view.occupation_id:
                out[pk] = (view.occupation_id, float(view.confidence), view.source)
                missing.pop(pk, None)
    out.update(_classified(missing))
    return out


def _classified(missing: dict[int, tuple[str, str]]) -> dict[int, tuple[int, float, str]]:
    """Classify items that have neither a declared nor a stored occupation (few, new items)."""
    guesses = {pk: occupation_classify(title, text) for pk, (title, text) in missing.items()}
    return {
        pk: (g.occupation_id, float(g.confidence), "classified")
        for pk, g in guesses.items()
        if g is not None and g.level == "细类" and g.occupation_id is not None
    }
