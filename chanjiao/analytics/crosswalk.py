"""The major ↔ occupation crosswalk as analytics needs it: weighted links, classifications.

Reads ``chanjiao.crosswalk.selectors`` (official, curated and inferred links with weights).
"""

from collections.abc import Iterable

from chanjiao.catalogs.models import Occupation
from chanjiao.crosswalk.selectors import (
    CrosswalkEdge,
    crosswalk_majors_for_occupations,
    crosswalk_occupations_for_majors,
    listing_occupations,
)

# (major_id, occupation_code, weight)
Link = tuple[int, str, float]
BATCH = 1000


def _positive(edges: dict[int, list[CrosswalkEdge]]) -> list[Link]:
    links = [
        (edge.major_id, edge.occupation_code, float(edge.weight))
        for edge_list in edges.values()
        for edge in edge_list
    ]
    return sorted(link for link in links if link[2] > 0)


def links_for_majors(major_ids: Iterable[int]) -> list[Link]:
    """Return every weighted occupation link of the given majors (weights > 0 only)."""
    return _positive(crosswalk_occupations_for_majors(sorted(set(major_ids))))


def links_for_occupations(occupation_codes: Iterable[str]) -> list[Link]:
    """Return every weighted major link of the occupations with the given codes."""
    codes = sorted({code for code in occupation_codes if code})
    occupation_ids = Occupation.objects.filter(code__in=codes).values_list("pk", flat=True)
    return _positive(crosswalk_majors_for_occupations(list(occupation_ids)))


def classified_occupations(listing_ids: list[int]) -> dict[int, str]:
    """Return the classified occupation code of listings that have none of their own."""
    result: dict[int, str] = {}
    for start in range(0, len(listing_ids), BATCH):
        for listing_id, view in listing_occupations(listing_ids[start : start + BATCH]).items():
            if view is not None and view.occupation_code:
                result[int(listing_id)] = view.occupation_code
    return result
