"""Numpy/scipy candidate index and the scoring of one subject against it (no ORM here).

Every candidate (a post, a graduate cohort, a 专业点, an institution) carries weighted *keys*
(``o:<occupation id>``, ``m:<major id>`` and ``i:<industry id>``), a bag of tokens (vocabulary
skills and words), its region codes, the education it requires or offers, a freshness date, a
publisher id and a key-industry label. A subject carries weights on the same keys (from the
major↔occupation crosswalk and the 专业简介), tokens and a region.

The score is nearly lexicographic: the *fit* (occupation and major keys) dominates — any
candidate with a fit scores at least ``FIT_FLOOR`` while one without scores below it — text
similarity comes next, and industry, region, key industry and freshness only break ties.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

# Weights of the signals; they sum to 1 so a score reads as a share of a perfect match. ``fit``
# is paid to every candidate with a fit at all, so fitting candidates always rank first.
WEIGHTS = {
    "fit": 0.5,
    "link": 0.3,
    "text": 0.12,
    "industry": 0.03,
    "region": 0.025,
    "key_industry": 0.01,
    "fresh": 0.015,
}
FIT_FLOOR = WEIGHTS["fit"]
INDUSTRY_PREFIX = "i:"
REGION_SCORES = {"county": 1.0, "city": 0.7, "province": 0.4, "": 0.0}
FRESH_HALF_LIFE_DAYS = 30.0
FULL_SCAN_BELOW = 50_000
MAX_SHARED = 12


def region_relation(a: str, b: str) -> str:
    """Return 'county', 'city', 'province' or '' for two 统计用区划代码 (prefix nesting)."""
    if not a or not b:
        return ""
    if len(a) >= 6 and len(b) >= 6 and a[:6] == b[:6]:
        return "county"
    if len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]:
        return "city"
    return "province" if a[:2] == b[:2] else ""


def _region_ints(code: str) -> tuple[int, int, int]:
    code = code or ""
    county = int(code[:6]) if len(code) >= 6 else 0
    city = int(code[:4]) if len(code) >= 4 else 0
    province = int(code[:2]) if len(code) >= 2 else 0
    return county, city, province


@dataclass
class SubjectVector:
    """What a subject is matched on; ``key_weights`` already include feedback penalties."""

    key_weights: dict[str, float]
    tokens: set[str]
    region_code: str = ""
    required_region_code: str = ""
    edu_min: int = 0
    edu_max: int = 99
    today: int = 0
    excluded_ids: frozenset[int] = frozenset()
    org_penalties: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    """One scored candidate, with the evidence the reasons are written from."""

    target_id: int
    score: float
    fit: float
    link_key: str
    link_weight: float
    shared_tokens: tuple[str, ...]
    region: str
    key_industry: str
    age_days: int
    education: int


class IndexBuilder:
    """Collect candidates row by row, then freeze them into a CandidateIndex."""

    def __init__(self) -> None:
        self.key_vocab: dict[str, int] = {}
        self.token_vocab: dict[str, int] = {}
        self.label_vocab: dict[str, int] = {"": 0}
        self._rows: list[
            tuple[int, list[tuple[int, float]], list[int], str, int, int, int, int]
        ] = []

    def add(
        self,
        *,
        target_id: int,
        keys: Iterable[tuple[str, float]],
        tokens: Iterable[str],
        region_code: str,
        education: int = 0,
        day: int = 0,
        organization_id: int = 0,
        key_industry: str = "",
    ) -> None:
        """Add one candidate."""
        key_cols = [(self.key_vocab.setdefault(k, len(self.key_vocab)), w) for k, w in keys]
        token_cols = sorted({self.token_vocab.setdefault(t, len(self.token_vocab)) for t in tokens})
        label = self.label_vocab.setdefault(key_industry, len(self.label_vocab))
        row = (target_id, key_cols, token_cols, region_code, education, day, organization_id, label)
        self._rows.append(row)

    def build(self) -> "CandidateIndex":
        """Freeze the rows into arrays."""
        n = len(self._rows)
        keys = _csr([r[1] for r in self._rows], len(self.key_vocab))
        tokens = _csr([[(c, 1.0) for c in r[2]] for r in self._rows], len(self.token_vocab))
        regions = np.array([_region_ints(r[3]) for r in self._rows], dtype=np.int32).reshape(n, 3)
        return CandidateIndex(
            ids=np.array([r[0] for r in self._rows], dtype=np.int64),
            keys=keys,
            tokens=l2_normalize_rows(tokens),
            county=regions[:, 0].copy(),
            city=regions[:, 1].copy(),
            province=regions[:, 2].copy(),
            education=np.array([r[4] for r in self._rows], dtype=np.int8),
            day=np.array([r[5] for r in self._rows], dtype=np.int32),
            organization=np.array([r[6] for r in self._rows], dtype=np.int64),
            key_label=np.array([r[7] for r in self._rows], dtype=np.int16),
            key_vocab=self.key_vocab,
            token_vocab=self.token_vocab,
            labels=list(self.label_vocab),
        )


def _csr(rows: Sequence[list[tuple[int, float]]], width: int) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c, _ in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.fromiter((w for r in rows for _, w in r), dtype=np.float32, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(width, 1)))


def l2_normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ matrix)


@dataclass
class CandidateIndex:
    """Frozen candidate arrays with an inverted key index for candidate generation."""

    ids: np.ndarray
    keys: sparse.csr_matrix
    tokens: sparse.csr_matrix
    county: np.ndarray
    city: np.ndarray
    province: np.ndarray
    education: np.ndarray
    day: np.ndarray
    organization: np.ndarray
    key_label: np.ndarray
    key_vocab: dict[str, int]
    token_vocab: dict[str, int]
    labels: list[str]
    _by_key: sparse.csc_matrix | None = None
    _by_token: sparse.csc_matrix | None = None
    _id_pos: dict[int, int] | None = None
    _industry_mask: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def by_key(self) -> sparse.csc_matrix:
        if self._by_key is None:
            self._by_key = self.keys.tocsc()
        return self._by_key

    def position_of(self, target_id: int) -> int | None:
        """Return the row of one target id (None when absent)."""
        if self._id_pos is None:
            self._id_pos = {int(t): i for i, t in enumerate(self.ids)}
        return self._id_pos.get(target_id)

    @property
    def by_token(self) -> sparse.csc_matrix:
        if self._by_token is None:
            self._by_token = self.tokens.tocsc()
        return self._by_token

    def top(self, subject: SubjectVector, k: int = 20) -> list[Match]:
        """Score the subject against the candidates and return the best k after hard filters."""
        key_vec = self._vector(subject.key_weights, self.key_vocab, self.keys.shape[1])
        fit_vec = np.where(self._industry_columns(), 0.0, key_vec).astype(np.float32)
        link = np.minimum(self._scatter(self.by_key, fit_vec), 1.0)
        industry = np.minimum(self._scatter(self.by_key, key_vec - fit_vec), 1.0)
        tok_vec = self._vector(
            dict.fromkeys(subject.tokens, 1.0), self.token_vocab, self.tokens.shape[1]
        )
        if tok_vec.any():
            tok_vec /= np.sqrt(tok_vec.dot(tok_vec))
        text = self._scatter(self.by_token, tok_vec)
        rows = self._candidates(link, text, k)
        rows = rows[self._passes(rows, subject)]
        if not len(rows):
            return []
        fresh = np.exp2(-np.maximum(subject.today - self.day[rows], 0) / FRESH_HALF_LIFE_DAYS)
        score = (
            WEIGHTS["fit"] * (link[rows] > 0)
            + WEIGHTS["link"] * link[rows]
            + WEIGHTS["text"] * text[rows]
            + WEIGHTS["industry"] * industry[rows]
            + WEIGHTS["region"] * self._region_scores(rows, subject.region_code)
            + WEIGHTS["key_industry"] * (self.key_label[rows] > 0)
            + WEIGHTS["fresh"] * (fresh if subject.today else 0)
        )
        for org, factor in subject.org_penalties.items():
            score = np.where(self.organization[rows] == org, score * factor, score)
        best = np.argsort(-score, kind="stable")[:k] if len(rows) <= k else _top_k(score, k)
        return [
            self._match(int(rows[i]), float(score[i]), float(link[rows[i]]), key_vec, subject)
            for i in best
        ]

    def _industry_columns(self) -> np.ndarray:
        """Tell, per key column, whether it is an industry key (a weaker signal than fit)."""
        if self._industry_mask is None:
            mask = np.zeros(self.keys.shape[1], dtype=bool)
            for key, col in self.key_vocab.items():
                mask[col] = key.startswith(INDUSTRY_PREFIX)
            self._industry_mask = mask
        return self._industry_mask

    def _scatter(self, by_column: sparse.csc_matrix, weights: np.ndarray) -> np.ndarray:
        """Sum weight × value over the posting lists of the subject's columns (dense, length n)."""
        out = np.zeros(len(self.ids), dtype=np.float32)
        for col in np.flatnonzero(weights):
            start, end = by_column.indptr[col], by_column.indptr[col + 1]
            # Rows are unique within one column, so the fancy-index add is exact.
            out[by_column.indices[start:end]] += weights[col] * by_column.data[start:end]
        return out

    def _vector(self, weights: dict[str, float], vocab: dict[str, int], width: int) -> np.ndarray:
        vec = np.zeros(width, dtype=np.float32)
        for key, weight in weights.items():
            col = vocab.get(key)
            if col is not None:
                vec[col] = max(vec[col], weight)
        return vec

    def _candidates(self, link: np.ndarray, text: np.ndarray, k: int) -> np.ndarray:
        if len(self.ids) <= FULL_SCAN_BELOW:
            return np.arange(len(self.ids))
        rows = np.flatnonzero((link > 0) | (text > 0))
        return rows if len(rows) >= k else np.arange(len(self.ids))

    def _passes(self, rows: np.ndarray, subject: SubjectVector) -> np.ndarray:
        edu = self.education[rows]
        ok = (edu >= subject.edu_min) & (edu <= subject.edu_max)
        required = subject.required_region_code
        if required:
            column = {6: self.county, 4: self.city, 2: self.province}[min(len(required), 6)]
            ok &= column[rows] == int(required[:6])
        if subject.excluded_ids:
            ok &= ~np.isin(self.ids[rows], np.fromiter(subject.excluded_ids, dtype=np.int64))
        return ok

    def _region_scores(self, rows: np.ndarray, code: str) -> np.ndarray:
        county, city, province = _region_ints(code)
        out = np.zeros(len(rows), dtype=np.float32)
        out[(self.province[rows] == province) & (province > 0)] = REGION_SCORES["province"]
        out[(self.city[rows] == city) & (city > 0)] = REGION_SCORES["city"]
        out[(self.county[rows] == county) & (county > 0)] = REGION_SCORES["county"]
        return out

    def _match(
        self, row: int, score: float, fit: float, key_vec: np.ndarray, subject: SubjectVector
    ) -> Match:
        start, end = self.keys.indptr[row], self.keys.indptr[row + 1]
        cols, weights = self.keys.indices[start:end], self.keys.data[start:end]
        contrib = weights * key_vec[cols] if len(cols) else np.zeros(0)
        if fit > 0:  # the reason names the fit, not a same-industry key
            contrib = np.where(self._industry_columns()[cols], 0.0, contrib)
        link_key, link_weight = "", 0.0
        if len(contrib) and contrib.max() > 0:
            best = int(np.argmax(contrib))
            link_key, link_weight = self._key_name(int(cols[best])), float(contrib[best])
        return Match(
            target_id=int(self.ids[row]),
            score=round(score, 4),
            fit=round(fit, 3),
            link_key=link_key,
            link_weight=round(link_weight, 3),
            shared_tokens=self._shared_tokens(row, subject.tokens),
            region=region_relation(_code(self, row), subject.region_code),
            key_industry=self.labels[int(self.key_label[row])],
            age_days=max(subject.today - int(self.day[row]), 0) if subject.today else -1,
            education=int(self.education[row]),
        )

    def _key_name(self, col: int) -> str:
        if not hasattr(self, "_key_names"):
            self._key_names = {v: k for k, v in self.key_vocab.items()}
        return self._key_names[col]

    def _shared_tokens(self, row: int, tokens: set[str]) -> tuple[str, ...]:
        start, end = self.tokens.indptr[row], self.tokens.indptr[row + 1]
        cols = set(self.tokens.indices[start:end].tolist())
        shared = [t for t in tokens if self.token_vocab.get(t) in cols]
        # Most specific first: rarer among the candidates, then longer (数控编程 before 编程).
        counts = np.diff(self.by_token.indptr)
        return tuple(
            sorted(shared, key=lambda t: (int(counts[self.token_vocab[t]]), -len(t), t))[
                :MAX_SHARED
            ]
        )


def _code(index: CandidateIndex, row: int) -> str:
    county, city, province = int(index.county[row]), int(index.city[row]), int(index.province[row])
    return str(county or city or province or "")


def _top_k(score: np.ndarray, k: int) -> np.ndarray:
    part = np.argpartition(-score, k)[:k]
    return part[np.argsort(-score[part], kind="stable")]


def day_number(date_value: object) -> int:
    """Return a date's proleptic ordinal (0 for None), the engine's unit for freshness."""
    return int(date_value.toordinal()) if date_value is not None else 0  # type: ignore[attr-defined]


def freshness(age_days: int) -> float:
    """Return the freshness factor of an age in days."""
    return math.pow(2.0, -max(age_days, 0) / FRESH_HALF_LIFE_DAYS)
