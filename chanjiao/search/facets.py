"""Facet counts for display: hierarchies rolled up one level below the current filter, labelled."""

import functools
import heapq
from dataclasses import dataclass

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.listings.kinds import Education, ListingKind
from chanjiao.organizations.models import Organization
from chanjiao.search.backends import Filters
from chanjiao.search.backends.base import PUBLISHED_BUCKETS, SALARY_BUCKETS
from chanjiao.search.documents import occupation_code_prefix, occupation_path

TOP_VALUES = 20


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@functools.cache
def _labels(catalog: str) -> dict[str, str]:
    if catalog == "region":
        return dict(Region.objects.values_list("code", "name"))
    if catalog == "industry":
        return dict(Industry.objects.values_list("code", "name"))
    if catalog == "occupation":
        rows = Occupation.objects.values_list("code", "name")
        return {occupation_code_prefix(code): name for code, name in rows}
    majors = Major.objects.order_by("-is_active", "system", "code").values_list("code", "name")
    return dict(reversed(list(majors)))


def catalog_label(catalog: str, code: str) -> str:
    """Return the catalogue name of a code, or the code itself."""
    return _labels(catalog).get(code, code)


def _rollup(raw: dict[str, int], key: "functools.partial[str] | object") -> dict[str, int]:
    counts: dict[str, int] = {}
    for code, count in raw.items():
        value = key(code)  # type: ignore[operator]
        if value:
            counts[value] = counts.get(value, 0) + count
    return counts


def _region(raw: dict[str, int], current: str) -> dict[str, int]:
    width = {0: 4, 2: 4, 4: 6}.get(len(current), len(current))
    return _rollup(raw, lambda code: code[:width] if len(code) >= width else "")


def _industry(raw: dict[str, int], sections: dict[str, int], current: str) -> dict[str, int]:
    if not current:
        return dict(sections)
    width = 2 if current.isalpha() else min(len(current) + 1, 4)
    return _rollup(raw, lambda code: code[:width] if len(code) >= width else "")


def _occupation(raw: dict[str, int], current: str) -> dict[str, int]:
    depth = min((current.count("-") + 2) if current else 1, 4)
    return _rollup(raw, lambda code: (occupation_path(code) + [""] * 4)[depth - 1])


def _labelled(name: str, counts: dict[str, int], selected: str) -> list[FacetValue]:
    # Pick the values shown first (a region facet can count thousands), then label only those.
    items = [(value, count) for value, count in counts.items() if count > 0]
    if name in ("salary", "published"):
        items.sort(key=lambda item: int(item[0]))
    else:
        items = heapq.nsmallest(TOP_VALUES, items, key=lambda item: (-item[1], item[0]))
    labels = _value_labels(name, [value for value, _ in items])
    return [
        FacetValue(value=v, label=str(labels.get(v, v)), count=c, selected=v == selected)
        for v, c in items
    ]


def _value_labels(name: str, values: list[str]) -> dict[str, str]:
    catalog = {"region": "region", "industry": "industry", "occupation": "occupation"}
    if name in catalog or name == "major":
        return _labels(catalog.get(name, "major"))
    if name == "kind":
        return dict(ListingKind.choices)
    if name == "education":
        return dict(Education.choices)
    if name == "salary":
        return {str(b): f"{b} 元/月以上" for b in SALARY_BUCKETS}
    if name == "published":
        return {str(d): f"近 {d} 天" for d in PUBLISHED_BUCKETS}
    if name == "organization":
        ids = [int(v) for v in values if v.isdigit()]
        rows = Organization.objects.filter(pk__in=ids).values_list("pk", "name")
        return {str(pk): org_name for pk, org_name in rows}
    return {}


def facets_display(
    raw: dict[str, dict[str, int]], filters: Filters, wanted: tuple[str, ...]
) -> dict[str, list[FacetValue]]:
    """Return each requested facet's values with labels and counts, most frequent first."""
    out: dict[str, list[FacetValue]] = {}
    for name in wanted:
        counts = raw.get(name, {})
        if name == "region":
            counts, selected = _region(counts, filters.region), filters.region
        elif name == "industry":
            counts = _industry(counts, raw.get("industry_section", {}), filters.industry)
            selected = filters.industry
        elif name == "occupation":
            counts, selected = _occupation(counts, filters.occupation), filters.occupation
        else:
            selected = {
                "kind": ",".join(filters.kinds),
                "major": filters.major,
                "education": filters.education,
                "organization": str(filters.organization_id or ""),
            }.get(name, "")
        out[name] = _labelled(name, counts, selected)
    return out
