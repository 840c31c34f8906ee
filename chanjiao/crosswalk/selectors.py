"""Reads of the crosswalk: major ↔ occupation ↔ industry edges and listing occupations.

Every function takes many ids and runs a fixed number of queries, whatever the number of ids.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from chanjiao.catalogs.models import MajorOccupationLink
from chanjiao.crosswalk.models import (
    LIVE_STATUSES,
    IndustryLink,
    LinkStatus,
    ListingOccupation,
    MajorLink,
)

# An official link printed as a 小类 code and expanded to each of its 细类 is weaker evidence.
EXPANDED_OFFICIAL_WEIGHT = 0.5


@dataclass(frozen=True)
class CrosswalkEdge:
    """One major ↔ occupation link with its evidence ("official" | "inferred" | "curated")."""

    major_id: int
    occupation_id: int
    occupation_code: str
    evidence: str
    weight: float


@dataclass(frozen=True)
class ListingOccupationView:
    """The occupation of a listing: declared by the publisher or classified."""

    occupation_id: int
    occupation_code: str
    confidence: float
    source: str


def _official_edges(condition: Q) -> list[CrosswalkEdge]:
    rows = (
        MajorOccupationLink.objects.filter(condition, is_active=True)
        .values_list(
            "major_id",
            "occupation_id",
            "occupation__code",
            "confidence",
            "is_expanded_from_minor_group",
        )
        .order_by("major_id", "occupation__code")
    )
    return [
        CrosswalkEdge(
            major_id=major_id,
            occupation_id=occupation_id,
            occupation_code=code,
            evidence="official",
            weight=round(confidence * (EXPANDED_OFFICIAL_WEIGHT if expanded else 1.0), 4),
        )
        for major_id, occupation_id, code, confidence, expanded in rows
    ]


def _platform_edges(condition: Q) -> list[CrosswalkEdge]:
    rows = (
        MajorLink.objects.filter(condition, status__in=LIVE_STATUSES)
        .values_list(
            "major_id", "occupation_id", "occupation__code", "evidence", "status", "confidence"
        )
        .order_by("major_id", "-confidence", "occupation__code")
    )
    # A staff-confirmed inference counts as curated; the row keeps its history.
    return [
        CrosswalkEdge(
            major_id=major_id,
            occupation_id=occupation_id,
            occupation_code=code,
            evidence="curated" if status == LinkStatus.CONFIRMED else evidence,
            weight=1.0 if status == LinkStatus.CONFIRMED else round(confidence, 4),
        )
        for major_id, occupation_id, code, evidence, status, confidence in rows
    ]


def _merge(edges: Iterable[CrosswalkEdge], key: str) -> dict[int, list[CrosswalkEdge]]:
    """Group edges by major or occupation; the first edge of a pair wins (official first)."""
    grouped: dict[int, list[CrosswalkEdge]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for edge in edges:
        pair = (edge.major_id, edge.occupation_id)
        if pair in seen:
            continue
        seen.add(pair)
        grouped[getattr(edge, key)].append(edge)
    return dict(grouped)


def crosswalk_occupations_for_majors(major_ids: Iterable[int]) -> dict[int, list[CrosswalkEdge]]:
    """Return each major's occupations: official first, then curated and inferred links."""
    ids = list(set(major_ids))
    if not ids:
        return {}
    condition = Q(major_id__in=ids)
    return _merge(_official_edges(condition) + _platform_edges(condition), "major_id")


def crosswalk_majors_for_occupations(
    occupation_ids: Iterable[int],
) -> dict[int, list[CrosswalkEdge]]:
    """Return each occupation's majors: official first, then curated and inferred links."""
    ids = list(set(occupation_ids))
    if not ids:
        return {}
    condition = Q(occupation_id__in=ids)
    return _merge(_official_edges(condition) + _platform_edges(condition), "occupation_id")


def crosswalk_industries_for_occupations(
    occupation_ids: Iterable[int],
) -> dict[int, list[tuple[int, float, str]]]:
    """Return each occupation's industries as (industry_id, weight, evidence), strongest first."""
    ids = list(set(occupation_ids))
    if not ids:
        return {}
    rows = (
        IndustryLink.objects.filter(occupation_id__in=ids, status__in=LIVE_STATUSES)
        .values_list("occupation_id", "industry_id", "confidence", "evidence", "status")
        .order_by("occupation_id", "-confidence", "industry_id")
    )
    grouped: dict[int, list[tuple[int, float, str]]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    # Curated rows are listed before observed ones of the same pair (weight 1.0 sorts first).
    for occupation_id, industry_id, weight, evidence, status in rows:
        if (occupation_id, industry_id) in seen:
            continue
        seen.add((occupation_id, industry_id))
        label = "curated" if status == LinkStatus.CONFIRMED else evidence
        grouped[occupation_id].append((industry_id, round(weight, 4), label))
    return dict(grouped)


def listing_occupations(listing_ids: Iterable[int]) -> dict[int, ListingOccupationView]:
    """Return the stored occupation of each classified listing (declared or classified)."""
    ids = list(set(listing_ids))
    if not ids:
        return {}
    rows = ListingOccupation.objects.filter(
        listing_id__in=ids, occupation__isnull=False
    ).values_list("listing_id", "occupation_id", "occupation__code", "confidence", "method")
    return {
        listing_id: ListingOccupationView(
            occupation_id=occupation_id,
            occupation_code=code,
            confidence=round(confidence, 4),
            source=method,
        )
        for listing_id, occupation_id, code, confidence, method in rows
    }
