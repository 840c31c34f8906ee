"""Suggestions that keep their promise: each is offered only when following it finds something.

"您是不是要找…", the catalogue links beside the results and the autocomplete's catalogue names
are each re-counted with a count-only engine query (no page, no facets) before they are shown;
the filters to drop ("去掉“地区”筛选") are counted in ``selectors._wider``.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from chanjiao.search.backends import EngineQuery, Filters, get_backend
from chanjiao.search.catalog_search import CatalogEntry, corrected_terms
from chanjiao.search.documents import occupation_code_prefix
from chanjiao.search.facets import FacetValue, facets_display
from chanjiao.search.text import lexicon

CORRECTION_CANDIDATES = 8
CORRECTIONS_SHOWN = 3
ORGANIZATIONS_SHOWN = 5


@dataclass(frozen=True)
class Correction:
    """A query to try instead, and how many items it finds with the current filters."""

    term: str
    count: int


def query_count(
    q: str,
    filters: Filters,
    *,
    today: datetime.date,
    now: datetime.datetime,
    organization_only: bool = False,
) -> int:
    """Count the public items a query finds with these filters (the engine's total only)."""
    terms = tuple(lexicon().query_terms(q))
    if not terms and q.strip():
        return 0
    probe = EngineQuery(
        terms=terms,
        filters=filters,
        today=today,
        now=now,
        limit=0,
        organization_only=organization_only,
    )
    return get_backend().search(probe).total


def checked_corrections(
    q: str, filters: Filters, *, today: datetime.date, now: datetime.datetime
) -> list[Correction]:
    """Close catalogue names and synonyms of a query that found nothing, those that find items."""
    out = []
    for term in corrected_terms(q, CORRECTION_CANDIDATES):
        count = query_count(term, filters, today=today, now=now)
        if count:
            out.append(Correction(term=term, count=count))
            if len(out) == CORRECTIONS_SHOWN:
                break
    return out


def _catalog_filters(entry: CatalogEntry) -> Filters:
    """The search a catalogue link opens: only that catalogue filter (the link drops the query)."""
    if entry.type == "occupation":
        return Filters(occupation=occupation_code_prefix(entry.code))
    if entry.type == "major":
        return Filters(major=entry.code)
    return Filters(industry=entry.code)


def checked_catalogs(
    entries: Iterable[CatalogEntry], *, today: datetime.date, now: datetime.datetime
) -> list[CatalogEntry]:
    """Keep the catalogue entries whose filter finds at least one public item."""
    return [
        entry for entry in entries if query_count("", _catalog_filters(entry), today=today, now=now)
    ]


def checked_completions(
    texts: Iterable[str], *, today: datetime.date, now: datetime.datetime
) -> set[str]:
    """Return the completions that, searched as they are, find at least one public item."""
    return {text for text in texts if query_count(text, Filters(), today=today, now=now)}


def organization_matches(
    q: str, filters: Filters, *, today: datetime.date, now: datetime.datetime
) -> list[FacetValue]:
    """Publishers whose name holds the query, with how many items each has (for a query naming
    an occupation that found nothing: its words appear only in organisations' names)."""
    terms = tuple(lexicon().query_terms(q))
    if not terms or not any(term.occupational for term in terms):
        return []
    probe = EngineQuery(
        terms=terms,
        filters=filters,
        today=today,
        now=now,
        limit=0,
        facets=("organization",),
        organization_only=True,
    )
    result = get_backend().search(probe)
    if not result.total:
        return []
    values = facets_display(result.facets, filters, ("organization",))["organization"]
    return values[:ORGANIZATIONS_SHOWN]
