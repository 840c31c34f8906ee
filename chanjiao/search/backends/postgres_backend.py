"""The PostgreSQL backend: jieba tokens in a 'simple' tsvector (GIN), side table search_document.

It writes in the caller's transaction, so an index change commits or rolls back with it. Ranking is
ts_rank with length normalisation (PostgreSQL has no BM25) times the same freshness factor as the
embedded backend; facets come from one GROUPING SETS pass plus one pass for the majors.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction

from chanjiao.search.backends.base import (
    BODY_BOOST,
    FRESHNESS_HALF_LIFE_DAYS,
    OCCUPATION_BOOST,
    ORGANIZATION_BOOST,
    PUBLISHED_BUCKETS,
    SALARY_BUCKETS,
    TITLE_BOOST,
    EngineQuery,
    EngineResult,
)
from chanjiao.search.documents import SearchDoc
from chanjiao.search.text import QueryTerm

INSERT = """
INSERT INTO search_document (
    listing_id, tsv, kind, region_code, region_path, industry_code, industry_path,
    occupation_code, occupation_path, major_codes, major_path, education, salary_min, salary_max,
    published_at, valid_until, organization_id
) VALUES (
    %s,
    setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')
    || setweight(to_tsvector('simple', %s), 'C') || to_tsvector('simple', %s),
    %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s
)
"""
# Weights A title, B the occupation's names, C the organisation's name, D the body; ts_rank's
# weights are {D, C, B, A} in the same proportions as the embedded backend's field boosts.
RANK = (
    f"ts_rank('{{{BODY_BOOST * 0.4:.2f},{ORGANIZATION_BOOST * 0.4:.2f},"
    f"{OCCUPATION_BOOST * 0.4:.2f},{TITLE_BOOST * 0.4:.2f}}}', tsv, to_tsquery('simple', %s), 1)"
)
# ts_rank adds up every query word found, so an item whose occupation names hold two of a term's
# alternatives (内科护士 + 护理人员 for 护士 | 护理) could pass one with the word in its title: the
# title's rank is counted once more, as BM25's per-field scores keep a title match first.
TITLE_RANK = "ts_rank('{0,0,0,1}', tsv, to_tsquery('simple', %s), 1)"
# A term that names an occupation matches neither through the organisation's name alone …
OCCUPATION_TERM_WEIGHTS = ":ABD"
ORGANIZATION_WEIGHTS = ":C"
# … and an item classified to the occupation matches it with this small rank (below a word in
# the title: ts_rank of one title word is about 0.06 / (1 + ln(document length))).
OCCUPATION_CODE_RANK = 0.005
# The table's comment names the document format its rows were built with.
FORMAT = "chanjiao-search 2"  # 2: occupation names (B) and organisation name (C) weighted apart
FRESHNESS = (
    f"power(2, extract(epoch from (published_at - %s)) / {FRESHNESS_HALF_LIFE_DAYS * 86400})"
)
SCALAR_FACETS = {
    "kind": "kind",
    "region": "region_code",
    "industry": "industry_code",
    "industry_section": "industry_path[1]",
    "occupation": "occupation_code",
    "education": "education",
    "organization": "organization_id::text",
}


def _tsquery_word(word: str, weights: str = "") -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + weights


def term_tsquery(term: QueryTerm, organization_only: bool = False) -> str:
    """Return one term's tsquery: any of its alternatives (not in the organisation's name if the
    term names an occupation; only there for the zero-result help)."""
    weights = OCCUPATION_TERM_WEIGHTS if term.occupational else ""
    if organization_only:
        weights = ORGANIZATION_WEIGHTS
    return "(" + " | ".join(_tsquery_word(w, weights) for w in term.words) + ")"


def tsquery(query: EngineQuery, joiner: str = " & ") -> str:
    """Return the tsquery text: every term must match, through any of its alternatives."""
    return joiner.join(term_tsquery(term, query.organization_only) for term in query.terms)


def _term_condition(term: QueryTerm) -> tuple[str, list[Any]]:
    """Match one term: its words, or (a term naming occupations) the item's occupation."""
    if not term.codes:
        return "tsv @@ to_tsquery('simple', %s)", [term_tsquery(term)]
    return (
        "(tsv @@ to_tsquery('simple', %s) OR occupation_path && %s::text[])",
        [term_tsquery(term), list(term.codes)],
    )


def _row(doc: SearchDoc) -> tuple[Any, ...]:
    return (
        doc.listing_id,
        " ".join(doc.title_tokens),
        " ".join(doc.occupation_tokens),
        " ".join(doc.organization_tokens),
        " ".join(doc.body_tokens),
        doc.kind,
        doc.region_code,
        doc.region_path,
        doc.industry_code,
        doc.industry_path,
        doc.occupation_code,
        doc.occupation_path,
        list(doc.major_codes),
        doc.major_path,
        doc.education,
        doc.salary_min,
        doc.salary_max,
        doc.published_at,
        doc.valid_until,
        doc.organization_id,
    )


class PostgresBackend:
    name = "postgresql"

    def write(self, *, upserts: Sequence[SearchDoc], deletes: Sequence[int]) -> None:
        """Replace documents and delete ids within the current transaction."""
        ids = list({*deletes, *(doc.listing_id for doc in upserts)})
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE listing_id = ANY(%s)", [ids])
            if upserts:
                cursor.executemany(INSERT, [_row(doc) for doc in upserts])

    def clear(self) -> None:
        """Remove every document."""
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document")
            cursor.execute(f"COMMENT ON TABLE search_document IS '{FORMAT}'")

    def is_current(self) -> bool:
        """Whether the rows were built with the current document format."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT obj_description('search_document'::regclass, 'pg_class')")
            return bool(cursor.fetchone()[0] == FORMAT)

    def rebuild(self, chunks: Iterable[Sequence[SearchDoc]]) -> None:
        """Replace the whole table in one transaction; readers see the old rows until it commits."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document")
            for chunk in chunks:
                cursor.executemany(INSERT, [_row(doc) for doc in chunk])
            cursor.execute(f"COMMENT ON TABLE search_document IS '{FORMAT}'")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")

    def frequent_terms(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Offer no index words: ts_stat over the whole table is too slow for each keystroke."""
        return []

    def size_bytes(self) -> int:
        """Return the side table's size with its indexes."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return int(cursor.fetchone()[0])

    def _where(self, query: EngineQuery) -> tuple[str, list[Any]]:
        filters = query.filters
        clauses = ["(valid_until IS NULL OR valid_until >= %s)"]
        params: list[Any] = [query.today]
        plain = query.organization_only or not any(term.codes for term in query.terms)
        if query.terms and plain:
            clauses.append("tsv @@ to_tsquery('simple', %s)")
            params.append(tsquery(query))
        else:
            for term in query.terms:
                clause, values = _term_condition(term)
                clauses.append(clause)
                params += values
        conditions: list[tuple[str, Any]] = [
            ("kind = ANY(%s)", list(filters.kinds) if filters.kinds else None),
            ("region_path @> ARRAY[%s]::text[]", filters.region or None),
            ("industry_path @> ARRAY[%s]::text[]", filters.industry or None),
            ("occupation_path @> ARRAY[%s]::text[]", filters.occupation or None),
            ("major_path @> ARRAY[%s]::text[]", filters.major or None),
            ("education = %s", filters.education or None),
            ("salary_max >= %s", filters.salary_min),
            ("salary_min <= %s", filters.salary_max),
            ("published_at >= %s", filters.published_since),
            ("organization_id = %s", filters.organization_id),
        ]
        for clause, value in conditions:
            if value is not None:
                clauses.append(clause)
                params.append(value)
        return " AND ".join(clauses), params

    def _order(self, query: EngineQuery) -> tuple[str, list[Any]]:
        if query.sort == "salary":
            return "salary_max DESC NULLS LAST, listing_id DESC", []
        if query.sort == "newest" or not query.terms:
            return "published_at DESC, listing_id DESC", []
        bonus, bonus_params = "", []
        for term in query.terms:
            if term.codes and not query.organization_only:
                bonus += (
                    " + CASE WHEN occupation_path && %s::text[]"
                    f" THEN {OCCUPATION_CODE_RANK} ELSE 0 END"
                )
                bonus_params.append(list(term.codes))
        order = f"({RANK} + {TITLE_RANK}{bonus}) * {FRESHNESS} DESC, listing_id DESC"
        # Ranked on the full-weight words only (the word and its synonyms): ts_rank has no
        # per-word weights, and the half-weight aliases (内科护士 for 护士) would otherwise let an
        # item's occupation names outrank another item's title.
        any_term = " | ".join(
            "(" + " | ".join(_tsquery_word(w) for w, boost in term.alternatives if boost >= 1) + ")"
            for term in query.terms
        )
        return order, [any_term, any_term, *bonus_params, query.now]

    def search(self, query: EngineQuery) -> EngineResult:
        """Run one query: a page of ids, the total and the requested facets."""
        where, params = self._where(query)
        order, order_params = self._order(query)
        sql = (
            f"SELECT listing_id FROM search_document WHERE {where} "  # noqa: S608
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *order_params, query.limit, query.offset])
            ids = [row[0] for row in cursor.fetchall()]
        total, facets = self._counts(query, where, params)
        return EngineResult(total=total, ids=ids, facets=facets)

    def _counts(
        self, query: EngineQuery, where: str, params: list[Any]
    ) -> tuple[int, dict[str, dict[str, int]]]:
        wanted = set(query.facets)
        if "industry" in wanted:
            wanted.add("industry_section")
        columns = {name: expr for name, expr in SCALAR_FACETS.items() if name in wanted}
        extra: list[Any] = []
        if "salary" in wanted:
            columns["salary"] = _bucket_expr("salary_max >= %s", SALARY_BUCKETS[::-1])
            extra += SALARY_BUCKETS[::-1]
        if "published" in wanted:
            columns["published"] = _bucket_expr("published_at >= %s", PUBLISHED_BUCKETS)
            extra += [query.now - datetime.timedelta(days=days) for days in PUBLISHED_BUCKETS]
        selects = ", ".join(f"{expr} AS f_{name}" for name, expr in columns.items())
        sets = ", ".join(["()"] + [f"(f_{name})" for name in columns])
        groupings = ", ".join(f"grouping(f_{name})" for name in columns) or "0"
        sql = (
            f"SELECT {groupings}, {', '.join(f'f_{n}' for n in columns) or '0'}, count(*) "  # noqa: S608
            f"FROM (SELECT {selects or '1 AS f_none'} FROM search_document WHERE {where}) m "
            f"GROUP BY GROUPING SETS ({sets})"
        )
        facets: dict[str, dict[str, int]] = {name: {} for name in columns}
        total = 0
        with connection.cursor() as cursor:
            cursor.execute(sql, [*extra, *params])
            for row in cursor.fetchall():
                total = self._collect(row, list(columns), facets, total)
            if "major" in wanted:
                cursor.execute(
                    f"SELECT code, count(*) FROM search_document, unnest(major_codes) code "  # noqa: S608
                    f"WHERE {where} GROUP BY code",
                    params,
                )
                facets["major"] = dict(cursor.fetchall())
        _cumulate(facets)
        return total, facets

    @staticmethod
    def _collect(
        row: tuple[Any, ...], names: list[str], facets: dict[str, dict[str, int]], total: int
    ) -> int:
        flags, values, count = row[: len(names)], row[len(names) : 2 * len(names)], row[-1]
        grouped = [name for name, flag in zip(names, flags, strict=True) if flag == 0]
        if not grouped:
            return int(count)
        name = grouped[0]
        value = values[names.index(name)]
        if value not in (None, ""):
            facets[name][str(value)] = int(count)
        return total


def _bucket_expr(condition: str, bounds: Sequence[int]) -> str:
    """Return CASE WHEN cond(b1) THEN 'b1' … for bounds from the tightest match outward."""
    whens = " ".join(f"WHEN {condition} THEN '{bound}'" for bound in bounds)
    return f"CASE {whens} END"


def _cumulate(facets: dict[str, dict[str, int]]) -> None:
    """Turn the single-bucket counts of salary and date into 'at least' / 'within' counts."""
    if "salary" in facets:
        exact = facets["salary"]
        facets["salary"] = {
            str(b): sum(exact.get(str(o), 0) for o in SALARY_BUCKETS if o >= b)
            for b in SALARY_BUCKETS
        }
    if "published" in facets:
        exact = facets["published"]
        facets["published"] = {
            str(d): sum(exact.get(str(o), 0) for o in PUBLISHED_BUCKETS if o <= d)
            for d in PUBLISHED_BUCKETS
        }
