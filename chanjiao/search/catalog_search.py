"""Catalogue search and autocomplete: majors, occupations and industries by name, alias or code.

The catalogues are a few thousand rows, held in memory per process and matched directly; the
same entries feed the zero-result help ("did you mean …").
"""

import bisect
import difflib
import functools
from collections import Counter
from dataclasses import dataclass

from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.search.text import lexicon, normalize

CATALOG_TYPES = {"major": "专业", "occupation": "职业", "industry": "行业"}


@dataclass(frozen=True)
class CatalogEntry:
    type: str
    code: str
    name: str
    detail: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def type_label(self) -> str:
        return CATALOG_TYPES[self.type]


@functools.cache
def catalog_entries() -> tuple[CatalogEntry, ...]:
    """Return the active catalogue concepts that users search for."""
    entries = [
        CatalogEntry("major", code, name, level)
        for code, name, level in Major.objects.filter(is_active=True)
        .order_by("level", "code")
        .values_list("code", "name", "level")
    ]
    for code, name, level, aliases in (
        Occupation.objects.filter(is_active=True)
        .order_by("code")
        .values_list("code", "name", "level", "aliases")
    ):
        names = tuple(a.strip() for a in aliases.split(",") if a.strip() and a.strip() != name)
        entries.append(CatalogEntry("occupation", code, name, level, names))
    entries += [
        CatalogEntry("industry", code, name, level)
        for code, name, level in Industry.objects.filter(is_active=True)
        .order_by("code")
        .values_list("code", "name", "level")
    ]
    return tuple(entries)


@functools.cache
def _search_keys() -> tuple[tuple[tuple[CatalogEntry, str, str, str], ...], str, list[int]]:
    """Each entry's normalised name, code and aliases, and one string holding them all."""
    keys = tuple(
        (entry, normalize(entry.name), entry.code.lower(), "\n".join(map(normalize, entry.aliases)))
        for entry in catalog_entries()
    )
    starts, parts, offset = [], [], 0
    for _, name, code, aliases in keys:
        part = f"{name}\n{code}\n{aliases}\x00"
        starts.append(offset)
        parts.append(part)
        offset += len(part)
    return keys, "".join(parts), starts


def _matching(q: str) -> list[int]:
    """Return the positions of the entries whose name, code or aliases contain q."""
    keys, haystack, starts = _search_keys()
    found: list[int] = []
    at = haystack.find(q)
    while at != -1:
        position = bisect.bisect_right(starts, at) - 1
        found.append(position)
        next_start = starts[position + 1] if position + 1 < len(starts) else len(haystack)
        at = haystack.find(q, next_start)
    return found


def _rank(name: str, code: str, aliases: str, q: str) -> int | None:
    if name == q or code == q:
        return 0
    if name.startswith(q):
        return 1
    if q in name:
        return 2
    if q in aliases:
        return 3
    if code.startswith(q):
        return 4
    return None


def catalog_search(*, q: str, types: tuple[str, ...] = (), limit: int = 20) -> list[CatalogEntry]:
    """Find catalogue concepts by name, alias or code; exact and leading matches first."""
    return list(_catalog_search(normalize(q).strip(), tuple(types), limit))


@functools.lru_cache(maxsize=4096)  # per process, like the entries it searches
def _catalog_search(q: str, types: tuple[str, ...], limit: int) -> tuple[CatalogEntry, ...]:
    if not q:
        return ()
    ranked = []
    keys = _search_keys()[0]
    for position in _matching(q):
        entry, name, code, aliases = keys[position]
        if types and entry.type not in types:
            continue
        rank = _rank(name, code, aliases, q)
        if rank is not None:
            ranked.append((rank, len(entry.name), position, entry))
    ranked.sort(key=lambda item: item[:3])
    return tuple(entry for *_, entry in ranked[:limit])


@functools.cache
def _vocabulary() -> tuple[tuple[str, ...], dict[str, frozenset[str]]]:
    """Return the correction vocabulary and, per character, the words containing it."""
    words = {normalize(entry.name) for entry in catalog_entries() if len(entry.name) <= 12}
    words |= set(lexicon().synonyms)
    by_char: dict[str, set[str]] = {}
    for word in words:
        for char in set(word):
            by_char.setdefault(char, set()).add(word)
    return tuple(sorted(words)), {c: frozenset(ws) for c, ws in by_char.items()}


def corrected_terms(q: str, limit: int = 3) -> list[str]:
    """Suggest catalogue names or synonyms close to a query that found nothing."""
    return list(_corrected_terms(q, limit))


@functools.lru_cache(maxsize=4096)
def _corrected_terms(q: str, limit: int) -> tuple[str, ...]:
    # Cached per process like the vocabulary it reads (catalogue changes need a restart).
    q = normalize(q).strip()
    if not q:
        return ()
    related = [w for t in lexicon().query_terms(q) for w in lexicon().related_words(t.text)]
    words, by_char = _vocabulary()
    shared: Counter[str] = Counter()
    for char in set(q):
        shared.update(by_char.get(char, frozenset()))
    candidates = sorted(word for word, _ in shared.most_common(200))
    close = difflib.get_close_matches(q, candidates, n=limit, cutoff=0.5)
    containing = [w for w in candidates if q in w and w != q][:limit]
    return tuple(dict.fromkeys(w for w in related + close + containing if w != q))[:limit]
