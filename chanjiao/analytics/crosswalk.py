"""The major ↔ occupation crosswalk as analytics needs it: weighted links, classifications.

Reads helper A's ``chanjiao.crosswalk.selectors`` when it exists; otherwise the official
``catalogs.MajorOccupationLink`` rows (weight = the link's confidence).
"""

import importlib
from collections.abc import Iterable
from types import ModuleType

from chanjiao.catalogs.models import MajorOccupationLink, Occupation

# (major_id, occupation_code, weight)
Link = tuple[int, str, float]


def _crosswalk_selectors() -> ModuleType | None:
    try:
        module = importlib.import_module("chanjiao.crosswalk.selectors")
    except ImportError:
        return None
    needed = ("crosswalk_occupations_for_majors", "listing_occupations")
    return module if all(hasattr(module, name) for name in needed) else None


def _catalog_links(major_ids: Iterable[int]) -> list[Link]:
    best: dict[tuple[int, str], float] = {}
    rows = MajorOccupationLink.objects.filter(
        major_id__in=list(major_ids), is_active=True, occupation__is_active=True
    ).values_list("major_id", "occupation__code", "confidence")
    for major_id, code, confidence in rows:
        key = (major_id, code)
        best[key] = max(best.get(key, 0.0), float(confidence))
    return [(major_id, code, weight) for (major_id, code), weight in best.items()]


def links_for_majors(major_ids: Iterable[int]) -> list[Link]:
    """Return every weighted occupation link of the given majors (weights > 0 only)."""
    ids = sorted(set(major_ids))
    module = _crosswalk_selectors()
    if module is None:
        links = _catalog_links(ids)
    else:
        edges = module.crosswalk_occupations_for_majors(ids)
        links = [
            (edge.major_id, edge.occupation_code, float(edge.weight))
            for edge_list in edges.values()
            for edge in edge_list
        ]
    return sorted(link for link in links if link[2] > 0)


def links_for_occupations(occupation_codes: Iterable[str]) -> list[Link]:
    """Return every weighted major link of the occupations with the given codes."""
    codes = sorted({code for code in occupation_codes if code})
    module = _crosswalk_selectors()
    if module is None or not hasattr(module, "crosswalk_majors_for_occupations"):
        major_ids = MajorOccupationLink.objects.filter(
            occupation__code__in=codes, is_active=True
        ).values_list("major_id", flat=True)
        wanted = set(codes)
        return [link for link in links_for_majors(major_ids) if link[1] in wanted]
    occupation_ids = Occupation.objects.filter(code__in=codes).values_list("pk", flat=True)
    edges = module.crosswalk_majors_for_occupations(list(occupation_ids))
    links = [
        (edge.major_id, edge.occupation_code, float(edge.weight))
        for edge_list in edges.values()
        for edge in edge_list
    ]
    return sorted(link for link in links if link[2] > 0)


def classified_occupations(listing_ids: list[int]) -> dict[int, str]:
    """Return the classified occupation code of listings that have none of their own."""
    module = _crosswalk_selectors()
    if module is None or not listing_ids:
        return {}
    result: dict[int, str] = {}
    for start in range(0, len(listing_ids), 1000):
        views = module.listing_occupations(listing_ids[start : start + 1000])
        for listing_id, view in views.items():
            code = getattr(view, "occupation_code", "") or ""
            if code:
                result[int(listing_id)] = code
    return result
