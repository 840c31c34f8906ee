"""Facet counts for display: hierarchies rolled up one level below the current filter, labelled."""

import functools
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.common.compiled_queries import rows_by_ids
from chanjiao.listings.cards import PLACEHOLDER_REGION_NAMES
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


def _rollup(raw: dict[str, int], key: Callable[[str], str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    get = counts.get
    for code, count in raw.items():
        value = key(code)
        if value:
            counts[value] = get(value, 0) + count
    return counts


def _prefix_rollup(raw: dict[str, int], width: int) -> dict[str, int]:
    """Counts summed by the codes' first ``width`` characters (shorter codes: a higher level)."""
    counts: dict[str, int] = {}
    get = counts.get
    for code, count in raw.items():  # inlined: a broad query's region facet has 3,000+ codes
        if len(code) >= width:
            key = code[:width]
            counts[key] = get(key, 0) + count
    return counts


@functools.lru_cache(maxsize=8)
def _occupation_level(depth: int) -> Callable[[str], str]:
    """The occupation code's ancestor at ``depth`` (1–4); empty when it has no such level."""
    cache: dict[str, str] = {}

    def level(code: str) -> str:
        value = cache.get(code)
        if value is None:
            path = occupation_path(code)
            value = cache[code] = path[depth - 1] if len(path) >= depth else ""
        return value

    return level


def _region(raw: dict[str, int], current: str) -> dict[str, int]:
    width = {0: 4, 2: 4, 4: 6}.get(len(current), len(current))
    return _prefix_rollup(raw, width)


def _industry(raw: dict[str, int], sections: dict[str, int], current: str) -> dict[str, int]:
    if not current:
        return dict(sections)
    width = 2 if current.isalpha() else min(len(current) + 1, 4)
    return _prefix_rollup(raw, width)


def _occupation(raw: dict[str, int], current: str) -> dict[str, int]:
    depth = min((current.count("-") + 2) if current else 1, 4)
    return _rollup(raw, _occupation_level(depth))


def _top(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The ``TOP_VALUES`` most frequent values, ties by value: the largest counts picked first."""
    if len(counts) <= TOP_VALUES:
        chosen = list(counts.items())
    else:
        threshold = heapq.nlargest(TOP_VALUES, counts.values())[-1]
        chosen = [item for item in counts.items() if item[1] >= threshold]
    chosen.sort(key=lambda item: (-item[1], item[0]))
    return chosen[:TOP_VALUES]


def _labelled(name: str, counts: dict[str, int], selected: str) -> list[FacetValue]:
    # Pick the values shown first (a region facet can count thousands), then label only those.
    if name in ("salary", "published"):  # fixed buckets, some of them empty
        items = sorted(
            ((value, count) for value, count in counts.items() if count > 0),
            key=lambda item: int(item[0]),
        )
    else:  # the engine's terms (and their roll-ups) have at least one item each
        items = _top(counts)
    labels = _value_labels(name, [value for value, _ in items])
    return [
        FacetValue(value=v, label=str(labels.get(v, v)), count=c, selected=v == selected)
        for v, c in items
    ]


def _organization_names(ids: Sequence[int]) -> "QuerySet[Organization, tuple[Any, ...]]":
    return Organization.objects.filter(pk__in=ids).values_list("pk", "name")


FIXED_LABELS = {
    "kind": {value: str(label) for value, label in ListingKind.choices},
    "education": {value: str(label) for value, label in Education.choices},
    "salary": {str(b): f"{b} 元/月以上" for b in SALARY_BUCKETS},
    "published": {str(d): f"近 {d} 天" for d in PUBLISHED_BUCKETS},
}


def region_label(names: dict[str, str], code: str) -> str:
    """A region's name as people know it: “市辖区” or “县” under 北京市 is called 北京市."""
    name = names.get(code, code)
    while name in PLACEHOLDER_REGION_NAMES and len(code) > 2:
        code = code[:-2]
        name = names.get(code, name)
    return name


def catalog_has(catalog: str, code: str) -> bool:
    """Whether the code is in the catalogue as this process loaded it (False: ask the database)."""
    return code in _labels(catalog)


def _value_labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "region":
        names = _labels("region")
        return {value: region_label(names, value) for value in values}
    catalog = {"industry": "industry", "occupation": "occupation"}
    if name in catalog or name == "major":
        return _labels(catalog.get(name, "major"))
    if name in FIXED_LABELS:
        return FIXED_LABELS[name]
    if name == "organization":
        ids = [int(v) for v in values if v.isdigit()]
        return {str(pk): org_name for pk, org_name in rows_by_ids(_organization_names, ids)}
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
