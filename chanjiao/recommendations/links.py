"""The crosswalk as the recommender sees it: helper A's selectors, or the catalogue links.

``chanjiao.crosswalk.selectors`` is the source of truth. While it is not installed (or lacks a
function) the same shapes are read from ``catalogs.MajorOccupationLink`` so the engine works.
"""

import importlib
from dataclasses import dataclass
from typing import Any

from chanjiao.catalogs.models import LinkEvidence, MajorOccupationLink

EVIDENCE_LABELS = {"official": "课标", "inferred": "推断", "curated": "人工校订"}
_FROM_CATALOGUE = {
    LinkEvidence.TEACHING_STANDARD: "official",
    LinkEvidence.INFERRED: "inferred",
    LinkEvidence.CURATED: "curated",
}


@dataclass(frozen=True)
class Edge:
    """A major↔occupation link (same attributes as crosswalk.selectors.CrosswalkEdge)."""

    major_id: int
    occupation_id: int
    occupation_code: str
    evidence: str
    weight: float


def _crosswalk(name: str) -> Any:
    try:
        module = importlib.import_module("chanjiao.crosswalk.selectors")
    except ImportError:
        return None
    return getattr(module, name, None)


def evidence_label(evidence: str) -> str:
    """Return the Chinese label of an evidence kind (课标 / 推断 / 人工校订)."""
    return EVIDENCE_LABELS.get(evidence, evidence)


def _catalogue_edges(**condition: Any) -> list[Edge]:
    rows = MajorOccupationLink.objects.filter(is_active=True, **condition).values_list(
        "major_id",
        "occupation_id",
        "occupation__code",
        "evidence_type",
        "confidence",
        "is_expanded_from_minor_group",
    )
    return [
        Edge(m, o, code, _FROM_CATALOGUE.get(ev, "inferred"), conf * (0.6 if expanded else 1.0))
        for m, o, code, ev, conf, expanded in rows
    ]


def occupations_for_majors(major_ids: list[int]) -> dict[int, list[Any]]:
    """Return the crosswalk edges of each major."""
    func = _crosswalk("crosswalk_occupations_for_majors")
    if func is not None:
        return dict(func(major_ids))
    out: dict[int, list[Any]] = {m: [] for m in major_ids}
    for edge in _catalogue_edges(major_id__in=major_ids):
        out[edge.major_id].append(edge)
    return out


def majors_for_occupations(occupation_ids: list[int]) -> dict[int, list[Any]]:
    """Return the crosswalk edges of each occupation."""
    func = _crosswalk("crosswalk_majors_for_occupations")
    if func is not None:
        return dict(func(occupation_ids))
    out: dict[int, list[Any]] = {o: [] for o in occupation_ids}
    for edge in _catalogue_edges(occupation_id__in=occupation_ids):
        out[edge.occupation_id].append(edge)
    return out


def industries_for_occupations(
    occupation_ids: list[int],
) -> dict[int, list[tuple[int, float, str]]]:
    """Return (industry id, weight, evidence) per occupation; empty without the crosswalk."""
    func = _crosswalk("crosswalk_industries_for_occupations")
    return dict(func(occupation_ids)) if func is not None and occupation_ids else {}


def listing_occupations(listing_ids: list[int]) -> dict[int, tuple[int, float, str]]:
    """Return (occupation id, confidence, source) per item: declared, stored, else classified."""
    from chanjiao.listings.models import Listing

    out: dict[int, tuple[int, float, str]] = {}
    rows = Listing.objects.filter(pk__in=listing_ids).values_list(
        "pk", "occupation_id", "title", "description"
    )
    missing = {pk: (title, text) for pk, occ, title, text in rows if not occ}
    out.update({pk: (occ, 1.0, "declared") for pk, occ, _, _ in rows if occ})
    func = _crosswalk("listing_occupations")
    if func is not None and missing:
        for pk, view in func(list(missing)).items():
            if view is not None and view.occupation_id:
                out[pk] = (view.occupation_id, float(view.confidence), view.source)
                missing.pop(pk, None)
    out.update(_classified(missing))
    return out


def _classified(missing: dict[int, tuple[str, str]]) -> dict[int, tuple[int, float, str]]:
    """Classify items that have neither a declared nor a stored occupation (few, new items)."""
    try:
        classify = importlib.import_module("chanjiao.crosswalk.classifier").occupation_classify
    except (ImportError, AttributeError):
        return {}
    from chanjiao.catalogs.models import Occupation

    guesses = {pk: classify(title, text) for pk, (title, text) in missing.items()}
    codes = {g.code for g in guesses.values() if g is not None and g.code}
    ids = dict(Occupation.objects.filter(code__in=codes, level="细类").values_list("code", "pk"))
    return {
        pk: (ids[g.code], float(g.confidence), "classified")
        for pk, g in guesses.items()
        if g is not None and g.code in ids
    }
