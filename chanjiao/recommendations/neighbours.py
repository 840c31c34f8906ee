"""The occupations next to a major's own, offered when too few posts fit the major itself.

A major's occupations are its crosswalk links and the occupations its 专业简介 names; their
neighbours are the other 细类 of the same 小类, then of the same 中类, ranked by how many open
posts they have (only those with posts are offered, each with a link to search them).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import numpy as np
from django.urls import reverse

from chanjiao.catalogs.models import Occupation
from chanjiao.recommendations import candidates, links
from chanjiao.recommendations.engine import CandidateIndex
from chanjiao.recommendations.orientation import orientation_occupations

MAX_NEIGHBOURS = 6
# Neighbours per (major, posts index): recomputed whenever the shared posts index is rebuilt.
_CACHE: dict[tuple[int, int, int], list["NeighbourOccupation"]] = {}


@dataclass(frozen=True)
class NeighbourOccupation:
    """A neighbouring occupation with open posts: its name, code, post count and search link."""

    name: str
    code: str
    posts: int
    url: str


def major_occupation_ids(major_id: int) -> set[int]:
    """Return the occupations a major leads to: crosswalk links and 专业简介 职业面向."""
    edges = links.occupations_for_majors([major_id]).get(major_id, [])
    return {e.occupation_id for e in edges} | set(orientation_occupations(major_id))


def _post_counts(index: CandidateIndex | None) -> dict[int, int]:
    """Return the number of open posts per occupation id (from the shared posts index)."""
    if index is None or not len(index):
        return {}
    counts = np.diff(index.by_key.indptr)
    return {
        int(key[2:]): int(counts[col])
        for key, col in index.key_vocab.items()
        if key.startswith("o:") and counts[col]
    }


def neighbour_occupations(major_id: int, limit: int = MAX_NEIGHBOURS) -> list[NeighbourOccupation]:
    """Return the neighbouring occupations of a major that have open posts, most posts first."""
    index = candidates.group_indexes("posts").get("listing")
    key = (major_id, id(index), limit)
    if key not in _CACHE:
        if len(_CACHE) > 10_000:
            _CACHE.clear()
        _CACHE[key] = _neighbours(major_id, _post_counts(index), limit)
    return list(_CACHE[key])


def _neighbours(major_id: int, counts: dict[int, int], limit: int) -> list[NeighbourOccupation]:
    own = major_occupation_ids(major_id)
    if not own:
        return []
    parents = set(Occupation.objects.filter(pk__in=own).values_list("parent_id", flat=True))
    grandparents = set(
        Occupation.objects.filter(pk__in=parents).values_list("parent_id", flat=True)
    )
    out: list[NeighbourOccupation] = []
    seen = set(own)
    for level_filter in ({"parent_id__in": parents}, {"parent__parent_id__in": grandparents}):
        rows = Occupation.objects.filter(level=Occupation.Level.OCCUPATION, **level_filter)
        ranked = sorted(
            (o for o in rows.exclude(pk__in=seen) if counts.get(o.pk)),
            key=lambda o: (-counts[o.pk], o.code),
        )
        for occ in ranked[: limit - len(out)]:
            url = reverse("search:page") + "?" + urlencode({"occupation": occ.code})
            out.append(NeighbourOccupation(occ.name, occ.code, counts[occ.pk], url))
            seen.add(occ.pk)
        if len(out) >= limit:
            break
    return out
