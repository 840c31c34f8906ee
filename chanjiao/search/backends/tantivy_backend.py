"""The embedded default: a tantivy index (BM25, columnar facets) in a directory, no server.

Writers from several processes take turns through a file lock; readers reopen the index when its
``meta.json`` changes, so a query after a commit, in any process, sees the change. A rebuild
writes a fresh directory and swaps it in, so searches keep working meanwhile.
"""

import contextlib
import datetime
import fcntl
import json
import math
import shutil
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import tantivy
from django.utils import timezone

from chanjiao.search.backends.base import (
    BODY_BOOST,
    FRESHNESS_HALF_LIFE_DAYS,
    OCCUPATION_BOOST,
    OCCUPATION_CODE_SCORE,
    ORGANIZATION_BOOST,
    PUBLISHED_BUCKETS,
    SALARY_BUCKETS,
    TITLE_BOOST,
    EngineQuery,
    EngineResult,
    Filters,
)
from chanjiao.search.documents import SearchDoc

SCHEMA_VERSION = 2  # 2: the occupation's and the organisation's names are fields of their own
META_FILE = "chanjiao-search.json"
LOCK_FILE = ".chanjiao-write.lock"
NO_END_DAY = 10_000_000  # an item without an end date stays valid
MAX_FRESHNESS = 100.0  # scores stay far below float32 limits
TEXT_FIELDS: tuple[tuple[str, float], ...] = (
    ("title", TITLE_BOOST),
    ("occupation_text", OCCUPATION_BOOST),
    ("body", BODY_BOOST),
    ("organization_name", ORGANIZATION_BOOST),
)
# A term that names an occupation never matches through the organisation's name alone.
OCCUPATION_TERM_FIELDS = TEXT_FIELDS[:3]
ORGANIZATION_FIELDS = TEXT_FIELDS[3:]
KEYWORD_FIELDS = (
    "kind",
    "region",
    "region_path",
    "industry",
    "industry_section",
    "industry_path",
    "occupation",
    "occupation_path",
    "major",
    "major_path",
    "education",
    "organization",
)
FACET_FIELDS = {
    "kind": ("kind", 50),
    "region": ("region", 5000),
    "industry": ("industry", 3000),
    "industry_section": ("industry_section", 50),
    "occupation": ("occupation", 3000),
    "major": ("major", 3000),
    "education": ("education", 20),
    "organization": ("organization", 20),
}
EPOCH = datetime.date(1970, 1, 1)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name, _ in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    for name in ("salary_min", "salary_max", "newest_key", "salary_key"):
        builder.add_unsigned_field(name, indexed=True, fast=True)
    for name in ("published", "valid_until"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_float_field("freshness", fast=True)
    return builder.build()


def _freshness_weight(published: datetime.datetime | None, epoch_day: int) -> float:
    """Return w with log2(2 + w) = 2^((day - epoch) / half-life): tantivy multiplies BM25 by it."""
    day = (timezone.localdate(published) - EPOCH).days if published else epoch_day
    factor = min(MAX_FRESHNESS, 2.0 ** (max(0, day - epoch_day) / FRESHNESS_HALF_LIFE_DAYS))
    return 2.0**factor - 2.0


class TantivyBackend:
    name = "tantivy"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = _schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._stamp: tuple[int, int] | None = None
        self._epoch_day = 0

    # Opening and locking

    def _stamp_now(self) -> tuple[int, int] | None:
        """Return (directory inode, commit time), or None when there is no index yet."""
        try:
            return (self.path.stat().st_ino, (self.path / "meta.json").stat().st_mtime_ns)
        except FileNotFoundError:
            return None

    def _create(self, path: Path) -> tuple[tantivy.Index, int]:
        """Create an empty index in the directory; return it and its freshness epoch day."""
        path.mkdir(parents=True, exist_ok=True)
        epoch_day = (timezone.localdate() - EPOCH).days - 365
        meta = {"schema_version": SCHEMA_VERSION, "epoch_day": epoch_day}
        (path / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        index = tantivy.Index(self.schema, path=str(path))
        writer = index.writer(heap_size=15_000_000, num_threads=1)
        writer.commit()
        writer.wait_merging_threads()
        return index, epoch_day

    def _open(self) -> tantivy.Index:
        """Return the index, reopened or reloaded if another process changed it."""
        with self._lock:
            stamp, index, known = self._stamp_now(), self._index, self._stamp
            same_directory = stamp is not None and known is not None and stamp[0] == known[0]
            if index is not None and same_directory:
                if stamp != known:  # another commit: reload
                    index.reload()
                    self._stamp = stamp
                return index
            # The directory is new to this process (first use, or swapped in by a rebuild), or
            # missing: only then is its metadata read, not on every query.
            epoch_day = self._epoch_day_on_disk()
            if epoch_day is None:
                with self._write_lock():
                    epoch_day = self._epoch_day_on_disk()
                    if epoch_day is None:
                        shutil.rmtree(self.path, ignore_errors=True)
                        _, epoch_day = self._create(self.path)
            self._stamp = self._stamp_now()
            self._index = tantivy.Index.open(str(self.path))
            self._epoch_day = epoch_day
            return self._index

    def _epoch_day_on_disk(self) -> int | None:
        """Return the index's epoch day, or None if it is missing or of an older schema."""
        try:
            meta = json.loads((self.path / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("schema_version") != SCHEMA_VERSION or self._stamp_now() is None:
            return None
        return int(meta["epoch_day"])

    @contextlib.contextmanager
    def _write_lock(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.parent / f"{self.path.name}{LOCK_FILE}"
        with open(lock_path, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # Writing

    def _document(self, doc: SearchDoc, epoch_day: int) -> tantivy.Document:
        out = tantivy.Document()
        out.add_unsigned("id", doc.listing_id)
        out.add_text("title", " ".join(doc.title_tokens))
        out.add_text("body", " ".join(doc.body_tokens))
        out.add_text("occupation_text", " ".join(doc.occupation_tokens))
        out.add_text("organization_name", " ".join(doc.organization_tokens))
        keywords: dict[str, Iterable[str]] = {
            "kind": [doc.kind],
            "region": [doc.region_code],
            "region_path": doc.region_path,
            "industry": [doc.industry_code],
            "industry_section": [doc.industry_section],
            "industry_path": doc.industry_path,
            "occupation": [doc.occupation_code],
            "occupation_path": doc.occupation_path,
            "major": doc.major_codes,
            "major_path": doc.major_path,
            "education": [doc.education],
            "organization": [str(doc.organization_id or "")],
        }
        for name, values in keywords.items():
            for value in values:
                if value:
                    out.add_text(name, value)
        self._add_numbers(out, doc, epoch_day)
        return out

    def _add_numbers(self, out: tantivy.Document, doc: SearchDoc, epoch_day: int) -> None:
        published = int(doc.published_at.timestamp()) if doc.published_at else 0
        if doc.salary_min is not None:
            out.add_unsigned("salary_min", doc.salary_min)
        if doc.salary_max is not None:
            out.add_unsigned("salary_max", doc.salary_max)
        tiebreak = doc.listing_id & 0xFFFFFFFF
        out.add_unsigned("newest_key", (published << 32) | tiebreak)
        out.add_unsigned("salary_key", ((doc.salary_max or 0) << 32) | tiebreak)
        out.add_integer("published", published)
        until = (doc.valid_until - EPOCH).days if doc.valid_until else NO_END_DAY
        out.add_integer("valid_until", until)
        out.add_float("freshness", _freshness_weight(doc.published_at, epoch_day))

    def write(self, *, upserts: Sequence[SearchDoc], deletes: Sequence[int]) -> None:
        """Add or replace documents and delete ids in one commit."""
        index = self._open()
        with self._write_lock():
            writer = index.writer(heap_size=50_000_000, num_threads=1)
            stale = sorted({*deletes, *(doc.listing_id for doc in upserts)})
            if stale:
                # delete_documents_by_term misses unsigned fields in tantivy-py 0.27; a query works.
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self.schema, "id", stale)
                )
            for doc in upserts:
                writer.add_document(self._document(doc, self._epoch_day))
            writer.commit()
            writer.wait_merging_threads()
        self._open()

    def clear(self) -> None:
        """Remove every document."""
        self.rebuild([])

    def is_current(self) -> bool:
        """Whether the directory holds an index of this schema version."""
        return self._epoch_day_on_disk() is not None

    def rebuild(self, chunks: Iterable[Sequence[SearchDoc]]) -> None:
        """Build a fresh index beside the current one from the chunks, then swap it in."""
        staging = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        index, epoch_day = self._create(staging)
        writer = index.writer(heap_size=400_000_000, num_threads=2)
        for chunk in chunks:
            for doc in chunk:
                writer.add_document(self._document(doc, epoch_day))
        writer.commit()
        writer.wait_merging_threads()
        with self._write_lock():
            old = self.path.with_name(self.path.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.path.exists():
                self.path.rename(old)
            staging.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        self._open()

    # Reading

    def search(self, query: EngineQuery) -> EngineResult:
        """Run one query: a page of ids, the total and the requested facets."""
        index = self._open()
        searcher = index.searcher()
        tantivy_query = self._query(query)
        # tantivy refuses a limit of 0; a count-only probe fetches one hit and drops it.
        limit = max(1, query.limit)
        kwargs: dict[str, Any] = {"limit": limit, "offset": query.offset, "count": True}
        if query.sort == "newest":
            kwargs["order_by_field"] = "newest_key"
        elif query.sort == "salary":
            kwargs["order_by_field"] = "salary_key"
        else:
            kwargs["weight_by_field"] = "freshness"
        found = searcher.search(tantivy_query, **kwargs)
        addresses = [address for _, address in found.hits][: query.limit]
        values = searcher.fast_field_values("id", addresses) if addresses else []
        ids = [int(v) for v in values if v is not None]
        facets = self._facets(searcher, tantivy_query, query) if query.facets else {}
        # tantivy's stubs omit ``count``, which a search with ``count=True`` sets.
        total = found.count or 0  # type: ignore[attr-defined]
        return EngineResult(total=total, ids=ids, facets=facets)

    def _text_query(self, query: EngineQuery) -> tantivy.Query:
        if not query.terms:
            return tantivy.Query.all_query()
        musts = []
        for term in query.terms:
            shoulds = []
            fields = OCCUPATION_TERM_FIELDS if term.occupational else TEXT_FIELDS
            if query.organization_only:
                fields = ORGANIZATION_FIELDS
            for word, boost in term.alternatives:
                for field, field_boost in fields:
                    clause = tantivy.Query.term_query(self.schema, field, word, "freq")
                    shoulds.append(
                        (
                            tantivy.Occur.Should,
                            tantivy.Query.boost_query(clause, boost * field_boost),
                        )
                    )
            if term.codes and not query.organization_only:
                codes = tantivy.Query.term_set_query(self.schema, "occupation_path", term.codes)
                shoulds.append(
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.const_score_query(codes, OCCUPATION_CODE_SCORE),
                    )
                )
            musts.append((tantivy.Occur.Must, tantivy.Query.boolean_query(shoulds)))
        return tantivy.Query.boolean_query(musts)

    def _query(self, query: EngineQuery) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, self._text_query(query))]
        for condition in self._filters(query.filters, query.today):
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(condition, 0.0)))
        return tantivy.Query.boolean_query(clauses)

    def _filters(self, filters: Filters, today: datetime.date) -> list[tantivy.Query]:
        term = tantivy.Query.term_query
        schema = self.schema
        out = [self._range("valid_until", tantivy.FieldType.Integer, (today - EPOCH).days, None)]
        if filters.kinds:
            out.append(tantivy.Query.term_set_query(schema, "kind", list(filters.kinds)))
        paths = {
            "region_path": filters.region,
            "industry_path": filters.industry,
            "occupation_path": filters.occupation,
            "major_path": filters.major,
            "education": filters.education,
            "organization": str(filters.organization_id or ""),
        }
        out += [term(schema, name, value, "basic") for name, value in paths.items() if value]
        unsigned = tantivy.FieldType.Unsigned
        if filters.salary_min is not None:
            out.append(self._range("salary_max", unsigned, filters.salary_min, None))
        if filters.salary_max is not None:
            out.append(self._range("salary_min", unsigned, None, filters.salary_max))
        if filters.published_since is not None:
            since = int(filters.published_since.timestamp())
            out.append(self._range("published", tantivy.FieldType.Integer, since, None))
        return out

    def _range(self, field: str, kind: Any, lower: int | None, upper: int | None) -> tantivy.Query:
        return tantivy.Query.range_query(self.schema, field, kind, lower, upper)

    def _facets(
        self, searcher: tantivy.Searcher, tantivy_query: tantivy.Query, query: EngineQuery
    ) -> dict[str, dict[str, int]]:
        wanted = set(query.facets) | ({"industry_section"} if "industry" in query.facets else set())
        aggs: dict[str, Any] = {
            name: {"terms": {"field": field, "size": size}}
            for name, (field, size) in FACET_FIELDS.items()
            if name in wanted
        }
        now = int(query.now.timestamp())
        if "salary" in wanted:
            aggs["salary"] = {"range": {"field": "salary_max", "ranges": _ranges(SALARY_BUCKETS)}}
        if "published" in wanted:
            bounds = sorted(now - days * 86400 for days in PUBLISHED_BUCKETS)
            aggs["published"] = {"range": {"field": "published", "ranges": _ranges(bounds)}}
        result = searcher.aggregate(tantivy_query, aggs)
        facets = {
            name: {str(b["key"]): int(b["doc_count"]) for b in result[name]["buckets"]}
            for name in FACET_FIELDS
            if name in aggs
        }
        if "salary" in aggs:
            facets["salary"] = _at_least(result["salary"]["buckets"], SALARY_BUCKETS)
        if "published" in aggs:
            counts = _at_least(result["published"]["buckets"], bounds)
            facets["published"] = {
                str(days): counts[str(now - days * 86400)] for days in PUBLISHED_BUCKETS
            }
        return facets

    def frequent_terms(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Return title terms starting with the prefix, most frequent first."""
        searcher = self._open().searcher()
        return [
            (str(t), int(n)) for t, n in searcher.terms_with_prefix("title", prefix, None, limit)
        ]

    def size_bytes(self) -> int:
        """Return the index directory's size."""
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def _ranges(bounds: Sequence[int]) -> list[dict[str, float]]:
    """Return non-overlapping range buckets split at the bounds (tantivy wants them disjoint)."""
    edges = [-math.inf, *bounds, math.inf]
    ranges = []
    for low, high in zip(edges, edges[1:], strict=False):
        bucket: dict[str, float] = {}
        if low != -math.inf:
            bucket["from"] = low
        if high != math.inf:
            bucket["to"] = high
        ranges.append(bucket)
    return ranges


def _at_least(buckets: list[dict[str, Any]], bounds: Sequence[int]) -> dict[str, int]:
    """Turn disjoint bucket counts into 'at least bound' counts."""
    counts = {}
    for bound in bounds:
        counts[str(bound)] = sum(
            int(b["doc_count"]) for b in buckets if b.get("from", -math.inf) >= bound
        )
    return counts
