"""The major ↔ occupation crosswalk as analytics needs it: weighted links, classifications.

Reads ``chanjiao.crosswalk.selectors`` (official, curated and inferred links with weights).

The crosswalk links majors to 细类 (occupations, e.g. 2-05-08-01). Demand coded at a coarser
level, as the 人社 tables often are (中类 2-05-00-00, 小类 2-05-08-00), is matched through the
crosswalk **rolled up to that level**: every link of a major to an occupation inside the group
counts for the group, and the major's weight in the group is the sum of those link weights
(with official links of weight 1, the number of the group's 细类 the major is linked to).
"""

from collections import defaultdict
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
# How many parts of a 大典 code identify a group of each level (2-05-08-01: 大类 2, 中类 2-05,
# 小类 2-05-08). 大类 are too broad to apportion and are left unmatched.
GROUP_PARTS = {Occupation.Level.SUB_MAJOR_GROUP.value: 2, Occupation.Level.MINOR_GROUP.value: 3}


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


def occupation_levels(codes: Iterable[str]) -> dict[str, str]:
    """Return the 大典 level (大类/中类/小类/细类) of each code; current catalogue entries first.

    Codes missing from the catalogue are judged by their shape: "2-05" and "2-05-00-00" are
    中类, "2-05-08" is a 小类; any other code is taken as a 细类.
    """
    wanted = {code for code in codes if code}
    levels: dict[str, str] = {}
    rows = Occupation.objects.filter(code__in=wanted).order_by("-is_active", "pk")
    for code, level in rows.values_list("code", "level"):
        levels.setdefault(code, level)
    for code in wanted - set(levels):
        parts = code.split("-")
        if len(parts) == 2 or (len(parts) == 4 and parts[2:] == ["00", "00"]):
            levels[code] = Occupation.Level.SUB_MAJOR_GROUP.value
        elif len(parts) == 3:
            levels[code] = Occupation.Level.MINOR_GROUP.value
        else:
            levels[code] = Occupation.Level.OCCUPATION.value
    return levels


def group_prefixes(codes: Iterable[str]) -> dict[str, str]:
    """Map each 中类 or 小类 code to the code prefix its members share (2-05-00-00 → "2-05-")."""
    result: dict[str, str] = {}
    for code, level in occupation_levels(codes).items():
        parts = GROUP_PARTS.get(level)
        if parts is not None and len(code.split("-")) >= parts:
            result[code] = "-".join(code.split("-")[:parts]) + "-"
    return result


def _rolled_up_links(prefixes: dict[str, str]) -> list[Link]:
    """Links of each group: a major's weight is the sum of its link weights inside the group."""
    if not prefixes:
        return []
    groups_by_prefix: dict[str, list[str]] = defaultdict(list)
    for group, prefix in prefixes.items():
        groups_by_prefix[prefix].append(group)
    members: dict[int, list[str]] = {}  # occupation id → the groups it belongs to
    for pk, code in Occupation.objects.values_list("pk", "code").order_by():
        parts = code.split("-")
        candidates = {"-".join(parts[:n]) + "-" for n in GROUP_PARTS.values() if len(parts) >= n}
        groups = sorted(g for prefix in candidates for g in groups_by_prefix.get(prefix, []))
        if groups:
            members[pk] = groups
    weights: dict[tuple[int, str], float] = defaultdict(float)
    for occupation_id, edges in crosswalk_majors_for_occupations(list(members)).items():
        for edge in edges:
            if edge.weight > 0:
                for group in members[occupation_id]:
                    weights[(edge.major_id, group)] += float(edge.weight)
    return [(major_id, group, round(w, 6)) for (major_id, group), w in weights.items()]


def links_for_occupations(occupation_codes: Iterable[str]) -> list[Link]:
    """Return every weighted major link of the occupations with the given codes.

    A 中类 or 小类 code gets the links of the occupations inside it, one link per major weighted
    by the sum of that major's link weights in the group (see the module's docstring).
    """
    codes = sorted({code for code in occupation_codes if code})
    prefixes = group_prefixes(codes)
    leaves = [code for code in codes if code not in prefixes]
    occupation_ids = Occupation.objects.filter(code__in=leaves).values_list("pk", flat=True)
    exact = _positive(crosswalk_majors_for_occupations(list(occupation_ids)))
    return sorted(exact + _rolled_up_links(prefixes))


def classified_occupations(listing_ids: list[int]) -> dict[int, str]:
    """Return the classified occupation code of listings that have none of their own."""
    result: dict[int, str] = {}
    for start in range(0, len(listing_ids), BATCH):
        for listing_id, view in listing_occupations(listing_ids[start : start + BATCH]).items():
            if view is not None and view.occupation_code:
                result[int(listing_id)] = view.occupation_code
    return result
