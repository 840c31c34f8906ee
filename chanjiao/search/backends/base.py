"""The one interface every search backend implements, and the values that cross it."""

import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from chanjiao.search.documents import SearchDoc
from chanjiao.search.text import QueryTerm

FACETS = (
    "kind",
    "region",
    "industry",
    "occupation",
    "major",
    "education",
    "salary",
    "published",
    "organization",
)
SORTS = ("relevance", "newest", "salary")
# Relevance = BM25 (ts_rank on PostgreSQL) × 2^(-age / half-life).
FRESHNESS_HALF_LIFE_DAYS = 180
# Facet buckets (lower bounds): monthly salary upper bound, and days since publication.
SALARY_BUCKETS = (3000, 5000, 8000, 10000, 15000)
PUBLISHED_BUCKETS = (7, 30, 90, 365)
# Field weights: a word in the title counts most, then in the occupation's names (its own and
# its 小类's), then in the body; in the organisation's name it counts little, so
# an item found only through its publisher's name ranks below items found by their content.
TITLE_BOOST = 2.5
OCCUPATION_BOOST = 2.0
BODY_BOOST = 1.0
ORGANIZATION_BOOST = 0.3
# An item classified to an occupation that a query term names (护理 → 2-05-08 …) matches that
# term even without the word, with this small constant score: items that also have the word in
# their title or occupation name rank first.
OCCUPATION_CODE_SCORE = 0.2


@dataclass(frozen=True)
class Filters:
    """Filters, already checked: codes are catalogue codes; hierarchy paths match by prefix."""

    kinds: tuple[str, ...] = ()
    region: str = ""
    industry: str = ""
    occupation: str = ""
    major: str = ""
    education: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    published_since: datetime.datetime | None = None
    organization_id: int | None = None

    def without(self, name: str) -> "Filters":
        return dataclasses.replace(self, **{name: getattr(Filters(), name)})

    def active(self) -> list[str]:
        return [k for k in self.__dataclass_fields__ if getattr(self, k) not in (None, "", ())]


@dataclass(frozen=True)
class EngineQuery:
    terms: tuple[QueryTerm, ...]
    filters: Filters
    today: datetime.date
    now: datetime.datetime
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: tuple[str, ...] = ()
    # Match every term in the organisation's name only (the zero-result help's "机构名称含…").
    organization_only: bool = False


@dataclass
class EngineResult:
    """Matching listing ids in order, the total, and raw facet counts (full codes, buckets)."""

    total: int
    ids: list[int]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class SearchBackend(Protocol):
    name: str

    def write(self, *, upserts: Sequence[SearchDoc], deletes: Sequence[int]) -> None:
        """Add or replace the given documents and remove the given listing ids, atomically."""

    def clear(self) -> None:
        """Remove every document (the empty index is of the current format)."""

    def is_current(self) -> bool:
        """Whether the index was built with the current document format (else rebuild it)."""

    def rebuild(self, chunks: Iterable[Sequence[SearchDoc]]) -> None:
        """Replace the whole index with the documents of the chunks."""

    def search(self, query: EngineQuery) -> EngineResult:
        """Run a query: ordered ids for one page, the total and the requested facet counts."""

    def frequent_terms(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Return indexed title terms starting with a prefix, most frequent first."""

    def size_bytes(self) -> int:
        """Return the index's size on disk."""
