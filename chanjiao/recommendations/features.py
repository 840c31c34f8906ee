"""Shared feature helpers: tokens, education ranks, key industries of localities."""

import functools
from collections.abc import Iterable

from chanjiao.catalogs.models import MajorLevel
from chanjiao.catalogs.skills import skill_vocabulary
from chanjiao.catalogs.skills.vocabulary import stopwords
from chanjiao.listings.kinds import Education
from chanjiao.localities.models import KeyIndustry
from chanjiao.search.text import lexicon

EDUCATION_RANK = {value: rank for rank, value in enumerate(Education.values)}
EDUCATION_RANK[""] = 0
EDUCATION_OF_LEVEL: dict[str, str] = {
    MajorLevel.SECONDARY: Education.SECONDARY,
    MajorLevel.HIGHER: Education.ASSOCIATE,
}
MAX_TOKENS = 60


def education_rank(value: str | None) -> int:
    """Return the rank of an education value (不限 = 0)."""
    return EDUCATION_RANK.get(value or "", 0)


def education_label(rank: int) -> str:
    """Return the Chinese label of an education rank."""
    return str(Education(Education.values[rank]).label) if 0 <= rank < len(Education.values) else ""


def education_of_major_level(level: str) -> str:
    """Return the education a major's level leads to (中职 → 中专, 高职专科 → 大专, else 本科)."""
    return str(EDUCATION_OF_LEVEL.get(level, Education.BACHELOR))


def skills_of(*texts: str | None) -> list[str]:
    """Return the vocabulary skills named in some texts (canonical names, first seen first)."""
    vocabulary = skill_vocabulary()
    found: dict[str, None] = {}
    for text in texts:
        found.update(dict.fromkeys(vocabulary.extract(text)))
    return list(found)


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(stopwords())


def tokens(*texts: str | None, skills: list[str] | None = None) -> set[str]:
    """Return the vocabulary skills of some texts, plus their words (generic words dropped).

    Skills always stay; words (two characters or more, from the shared lexicon) fill up to
    ``MAX_TOKENS``. ``skills`` adds skills known otherwise (a major's 专业简介).
    """
    found = set(skills_of(*texts)) | set(skills or ())
    lex = lexicon()
    stop = _stopwords()
    words: set[str] = set()
    for text in texts:
        if text:
            words.update(w for w in lex.index_tokens(text) if len(w) >= 2 and w.lower() not in stop)
    words -= found
    room = max(MAX_TOKENS - len(found), 0)
    return found | (set(sorted(words)[:room]) if len(words) > room else words)


def is_skill(token: str) -> bool:
    """Tell whether a token is a vocabulary skill (what a 技能重合 reason may show)."""
    return token in skill_vocabulary()


def token_display(token: str) -> str:
    """Return a token as shown in a reason (Latin words upper-cased: PLC, CAD)."""
    return token.upper() if token.isascii() else token


@functools.lru_cache(maxsize=1)
def _key_industry_table() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    rows: dict[int, tuple[str, str, str, list[str]]] = {}
    qs = KeyIndustry.objects.select_related("locality__region").prefetch_related("industries")
    for ki in qs:
        codes = [i.code for i in ki.industries.all()]
        if codes:
            region = ki.locality.region
            rows[ki.pk] = (region.code, ki.locality.name, ki.label, codes)
    return tuple((r, n, lab, tuple(c)) for r, n, lab, c in rows.values())


def key_industries_clear() -> None:
    """Forget the cached key-industry table (after localities change, and between tests)."""
    _key_industry_table.cache_clear()


def key_industry_label(region_code: str, industry_codes: Iterable[str]) -> str:
    """Return '梧州市重点产业：六堡茶' when an industry is a key industry of the item's locality."""
    codes = [c for c in industry_codes if c]
    if not region_code or not codes:
        return ""
    for locality_region, name, label, key_codes in _key_industry_table():
        if region_code.startswith(locality_region) and any(
            c.startswith(k) or k.startswith(c) for c in codes for k in key_codes if len(c) >= 2
        ):
            return f"{name}重点产业：{label}"
    return ""
