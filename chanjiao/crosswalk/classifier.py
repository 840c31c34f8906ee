"""Classify a posting title (and description) to a 职业分类大典 2022 occupation.

Evidence per 细类, each a score part added with a weight fitted on the dev split of the labelled
titles (benchmarks/classify_eval.py; docs/crosswalk.md lists the figures):

- ``name`` / ``text`` / ``desc`` / ``match``: TF-IDF cosine of the title with the occupation's
  name and aliases (character n-grams) and with its definition, tasks and parent names (jieba
  tokens); the description against the same texts; a name or alias found verbatim in the title;
- ``profile``: the 岗位（群） phrases of the 专业简介 (classifier_profiles), by character n-grams,
  each carrying its weight for the occupations of its major;
- ``dense_name`` / ``dense_profile``: the same names and phrases compared by a multilingual
  sentence encoder (classifier_dense);
- ``label`` / ``dense_label``: titles people confirmed (TitleLabel), as nearest neighbours.

Scores become a confidence by a softmax over the best candidates; below a confidence a 小类 that
gathers most of the probability is returned instead. The model is built from the database and
kept per process; its version changes with the catalogue, the profiles and each re-fit
(services/refit.py, a periodic task): a fit takes in the labels confirmed until then, and the
stale-classification check re-classifies posts once per fit, not once per new label.
"""

import functools
import hashlib
import re
from dataclasses import dataclass, field, replace

import numpy as np
from django.db import connection
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.catalogs.models import MajorOccupationLink, MajorProfile, Occupation
from chanjiao.crosswalk import classifier_dense
from chanjiao.crosswalk.classifier_labels import confirmed_labels, latest_fit
from chanjiao.crosswalk.classifier_profiles import profile_phrase_weights
from chanjiao.crosswalk.models import ClassifierFit
from chanjiao.search.text import lexicon, normalize

MODEL_NAME = "tfidf-ngram-alias-use-3"
TOP_K = 5
# A best score below this means no word of the title resembles any occupation (e.g. "asdfgh").
MIN_SCORE = 0.08
# Phrases and labels looked at per title (the best by cosine).
NEIGHBOURS = 40
# A labelled title counts only when it shares most of its characters with the title.
LABEL_CHARS_FLOOR = 0.5
# Below this confidence a 小类 that gathers most of the probability is returned instead.
MINOR_FALLBACK_CONFIDENCE = 0.25
MINOR_FALLBACK_MASS = 0.5
ALIAS_MARKS = re.compile(r"(?<=[\u4e00-\u9fff])[LS/]+$")
ALIAS_SPLIT = re.compile(r"[,，;；]+")
# Words of job-board titles that say nothing about the occupation.
TITLE_NOISE = re.compile(
    r"(急聘|诚聘|高薪|招聘|直招|包吃住|五险一金|双休|\d+k|\d+-\d+k|[（(【\[].*?[】\])）])"
)


@dataclass(frozen=True)
class Signals:
    """Which kinds of evidence a model is built with (the evaluation's ablations)."""

    profiles: bool = True
    dense: bool = True
    labels: bool = True


@dataclass(frozen=True)
class Weights:
    """Weight of each score part; ``temperature`` scales the softmax of the confidence."""

    name: float = 0.40
    text: float = 0.20
    desc: float = 0.50
    match: float = 0.45
    profile: float = 0.30
    dense_name: float = 0.60
    dense_profile: float = 0.0
    label: float = 0.30
    label_exact: float = 1.0
    dense_label: float = 0.0
    dense_floor: float = 0.30
    temperature: float = 0.06


SIGNALS = Signals()
WEIGHTS = Weights()
PART_NAMES: tuple[str, ...] = (
    "name",
    "text",
    "desc",
    "match",
    "profile",
    "dense_name",
    "dense_profile",
)
PART_NAMES += ("label", "label_exact", "dense_label")


@dataclass(frozen=True)
class OccupationGuess:
    """The best occupation for a title, its confidence (0..1) and the next best candidates."""

    code: str
    name: str
    level: str
    confidence: float
    candidates: list[tuple[str, str, float]] = field(default_factory=list)
    occupation_id: int | None = None


@dataclass
class _Neighbours:
    """Reference texts (phrases or labelled titles), each giving weights to occupations."""

    texts: list[str]
    chars: object  # sparse TF-IDF rows over the name vectorizer's features
    vectors: np.ndarray | None  # dense rows, or None without the dense signal
    owners: list[list[tuple[int, float]]]  # per text: (occupation index, weight)
    positions: dict[str, int] = field(default_factory=dict)  # text → row


@dataclass
class _Model:
    version: str
    signals: Signals
    ids: list[int]
    codes: list[str]
    names: list[str]
    match_words: list[tuple[str, int]]
    name_chars: TfidfVectorizer
    name_chars_matrix: object
    text_tokens: TfidfVectorizer
    text_tokens_matrix: object
    minor_groups: dict[str, tuple[int, str]]
    name_vectors: np.ndarray | None = None  # one row per name/alias, grouped by occupation
    name_starts: np.ndarray | None = None  # first row of each occupation in name_vectors
    profiles: _Neighbours | None = None
    labels: _Neighbours | None = None


def _aliases(raw: str) -> list[str]:
    words = []
    for alias in ALIAS_SPLIT.split(raw or ""):
        alias = ALIAS_MARKS.sub("", alias.strip())
        if alias:
            words.append(alias)
    return words


def clean_title(title: str) -> str:
    """Drop recruiting noise (急聘, bracketed notes, salary) from a title."""
    return TITLE_NOISE.sub(" ", normalize(title)).strip()


def _tokens(text: str) -> list[str]:
    return lexicon().index_tokens(text)


def _table_states(signals: Signals) -> list[tuple[object, ...]]:
    """Count and latest change of each table the model is built from, in one query."""
    tables = [(Occupation._meta.db_table, "is_active = %s", [True])]
    if signals.profiles:
        tables += [
            (MajorProfile._meta.db_table, "1 = 1", []),
            (MajorOccupationLink._meta.db_table, "1 = 1", []),
        ]
    if signals.labels:
        tables.append((ClassifierFit._meta.db_table, "1 = 1", []))
    sql = " UNION ALL ".join(
        f"SELECT {i}, COUNT(*), MAX(updated_at), MAX(id) FROM {table} WHERE {where}"  # noqa: S608
        for i, (table, where, _) in enumerate(tables)
    )
    params = [value for _, _, values in tables for value in values]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(cursor.fetchall())


def _catalog_version(signals: Signals = SIGNALS) -> str:
    # One cheap query per call: the model is looked up for every title classified.
    states = "|".join(str(row) for row in _table_states(signals))
    digest = hashlib.sha256(states.encode()).hexdigest()[:8]
    return f"{MODEL_NAME}:{digest}"


def _neighbours(
    model: _Model, weighted: dict[str, dict[int, float]], index_of: dict[int, int]
) -> _Neighbours:
    texts, owners = [], []
    for text, weights in weighted.items():
        owned = [(index_of[pk], w) for pk, w in weights.items() if pk in index_of]
        if owned:
            texts.append(text)
            owners.append(owned)
    if not texts:
        return _Neighbours(texts=[], chars=None, vectors=None, owners=[])
    vectors = classifier_dense.embed_cached(texts) if model.signals.dense else None
    return _Neighbours(
        texts=texts,
        chars=model.name_chars.transform(texts),
        vectors=vectors,
        owners=owners,
        positions={text: row for row, text in enumerate(texts)},
    )


def _build(version: str, signals: Signals) -> _Model:
    rows = list(
        Occupation.objects.filter(is_active=True, level=Occupation.Level.OCCUPATION)
        .select_related("parent__parent")
        .order_by("code")
    )
    minor_groups = {
        o.code[:7]: (o.pk, o.name)
        for o in Occupation.objects.filter(is_active=True, level=Occupation.Level.MINOR_GROUP)
    }
    name_docs, text_docs, match_words, words_per_class = [], [], [], []
    for index, occupation in enumerate(rows):
        words = list(
            dict.fromkeys(normalize(w) for w in [occupation.name, *_aliases(occupation.aliases)])
        )
        words_per_class.append(words)
        name_docs.append(" ".join(words))
        match_words += [(w, index) for w in words if len(w) >= 2]
        parents = [
            p.name for p in (occupation.parent, getattr(occupation.parent, "parent", None)) if p
        ]
        text_docs.append(
            " ".join(
                [
                    name_docs[-1],
                    name_docs[-1],
                    occupation.definition,
                    occupation.main_tasks,
                    *parents,
                ]
            )
        )
    name_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
    text_tokens = TfidfVectorizer(analyzer=_tokens, sublinear_tf=True, min_df=1)
    match_words.sort(key=lambda item: -len(item[0]))
    model = _Model(
        version=version,
        signals=signals,
        ids=[o.pk for o in rows],
        codes=[o.code for o in rows],
        names=[o.name for o in rows],
        match_words=match_words,
        name_chars=name_chars,
        name_chars_matrix=name_chars.fit_transform(name_docs),
        text_tokens=text_tokens,
        text_tokens_matrix=text_tokens.fit_transform(text_docs),
        minor_groups=minor_groups,
    )
    index_of = {pk: i for i, pk in enumerate(model.ids)}
    if signals.dense:
        flat = [word for words in words_per_class for word in words]
        model.name_vectors = classifier_dense.embed_cached(flat)
        model.name_starts = np.cumsum([0, *[len(w) for w in words_per_class[:-1]]])
    if signals.profiles:
        model.profiles = _neighbours(model, profile_phrase_weights(), index_of)
    fit = latest_fit() if signals.labels else None
    if fit is not None:
        model.labels = _neighbours(model, confirmed_labels(clean_title, fit.labels_until), index_of)
    return model


@functools.lru_cache(maxsize=4)
def _model_for(version: str, signals: Signals) -> _Model:
    return _build(version, signals)


def classifier_model(signals: Signals | None = None) -> _Model:
    """Return this process's model, rebuilt when the occupations, profiles or labels change."""
    signals = signals or SIGNALS
    return _model_for(_catalog_version(signals), signals)


def classifier_version() -> str:
    """Return the version string of the current model (name and data digest), cheaply."""
    return _catalog_version(SIGNALS)


def _match_boost(model: _Model, title: str) -> np.ndarray:
    """Score each class by the longest of its names/aliases found in the title."""
    boost = np.zeros(len(model.codes))
    if not title:
        return boost
    longest = 0
    for word, index in model.match_words:
        if len(word) < longest:
            break
        if word in title:
            longest = len(word)
            boost[index] = max(boost[index], (len(word) / len(title)) ** 0.5)
    return boost


def _neighbour_scores(
    size: int, neighbours: _Neighbours, similarity: np.ndarray, floor: float = 0.0
) -> np.ndarray:
    """Per occupation: the best (similarity × weight) over the nearest reference texts."""
    scores = np.zeros(size)
    if not len(similarity):
        return scores
    similarity = np.clip((similarity - floor) / (1.0 - floor), 0.0, None)
    count = min(NEIGHBOURS, len(similarity))
    nearest = np.argpartition(-similarity, count - 1)[:count]
    for row in nearest:
        value = similarity[row]
        if value <= 0:
            continue
        for index, weight in neighbours.owners[row]:
            scores[index] = max(scores[index], value * weight)
    return scores


def score_parts(model: _Model, title: str, description: str = "") -> dict[str, np.ndarray]:
    """Return every score part (one value per 细类) of a title and description."""
    title = clean_title(title)
    description = normalize(description)[:2000]
    size = len(model.codes)
    zero = np.zeros(size)
    title_chars = model.name_chars.transform([title])
    parts = dict.fromkeys(PART_NAMES, zero)
    parts["name"] = (model.name_chars_matrix @ title_chars.T).toarray().ravel()
    parts["text"] = (
        (model.text_tokens_matrix @ model.text_tokens.transform([title]).T).toarray().ravel()
    )
    if description:
        # Relative to the best match: a description's cosine with long class texts is small.
        desc_vector = model.text_tokens.transform([description])
        similarity = (model.text_tokens_matrix @ desc_vector.T).toarray().ravel()
        if similarity.max() > 0:
            parts["desc"] = similarity / similarity.max()
    parts["match"] = _match_boost(model, title)
    vector = None
    if model.signals.dense and title:
        vector = classifier_dense.embed_one(title)
        if model.name_vectors is not None and model.name_starts is not None:
            parts["dense_name"] = np.maximum.reduceat(
                model.name_vectors @ vector, model.name_starts
            )
    for key, neighbours in (("profile", model.profiles), ("label", model.labels)):
        if neighbours is None or not neighbours.texts:
            continue
        chars = (neighbours.chars @ title_chars.T).toarray().ravel()
        parts[key] = _neighbour_scores(
            size, neighbours, chars, floor=LABEL_CHARS_FLOOR if key == "label" else 0.0
        )
        if key == "label" and title in neighbours.positions:
            # The very title a person labelled: their answer wins over any resemblance.
            exact = np.zeros(size)
            for index, weight in neighbours.owners[neighbours.positions[title]]:
                exact[index] = weight
            parts["label_exact"] = exact
        if vector is not None and neighbours.vectors is not None:
            parts[f"dense_{key}"] = _neighbour_scores(
                size, neighbours, neighbours.vectors @ vector, floor=WEIGHTS.dense_floor
            )
    return parts


def combine(parts: dict[str, np.ndarray], weights: Weights | None = None) -> np.ndarray:
    """Return the weighted sum of the score parts."""
    weights = weights or WEIGHTS
    total = np.zeros(len(parts["name"]))
    for name in PART_NAMES:
        weight = getattr(weights, name)
        if weight:
            part = parts[name]
            if name == "dense_name":
                part = np.clip((part - weights.dense_floor) / (1.0 - weights.dense_floor), 0, None)
            total += weight * part
    return total


def occupation_scores(model: _Model, title: str, description: str = "") -> np.ndarray:
    """Return the raw score of every 细类 for a title and description."""
    return combine(score_parts(model, title, description), weights_for(model.signals))


def guess_from_scores(
    model: _Model, scores: np.ndarray, weights: Weights | None = None
) -> OccupationGuess:
    """Turn scores into the best occupation (or a 小类 fallback) with a confidence."""
    weights = weights or WEIGHTS
    order = np.argsort(-scores, kind="stable")[:20]
    if scores[order[0]] < MIN_SCORE:
        return OccupationGuess(code="", name="", level="", confidence=0.0)
    top = scores[order]
    probabilities = np.exp((top - top[0]) / weights.temperature)
    probabilities /= probabilities.sum()
    candidates = [
        (model.codes[i], model.names[i], round(float(p), 4))
        for i, p in zip(order[:TOP_K], probabilities[:TOP_K], strict=True)
    ]
    best = order[0]
    confidence = float(probabilities[0])
    if confidence < MINOR_FALLBACK_CONFIDENCE:
        minor = _minor_fallback(model, order, probabilities)
        if minor is not None:
            code, name, mass, minor_id = minor
            return OccupationGuess(
                code=code,
                name=name,
                level=Occupation.Level.MINOR_GROUP.value,
                confidence=round(mass, 4),
                candidates=candidates,
                occupation_id=minor_id,
            )
    return OccupationGuess(
        code=model.codes[best],
        name=model.names[best],
        level=Occupation.Level.OCCUPATION.value,
        confidence=round(confidence, 4),
        candidates=candidates,
        occupation_id=model.ids[best],
    )


def _minor_fallback(
    model: _Model, order: np.ndarray, probabilities: np.ndarray
) -> tuple[str, str, float, int] | None:
    """Return (code, name, probability mass, id) of a 小类 holding most of the probability."""
    mass: dict[str, float] = {}
    for index, probability in zip(order, probabilities, strict=True):
        prefix = model.codes[index][:7]
        mass[prefix] = mass.get(prefix, 0.0) + float(probability)
    prefix, total = max(mass.items(), key=lambda item: item[1])
    if total < MINOR_FALLBACK_MASS or prefix not in model.minor_groups:
        return None
    minor_id, name = model.minor_groups[prefix]
    return (prefix + "-00", name, total, minor_id)


def weights_for(signals: Signals, weights: Weights | None = None) -> Weights:
    """Return the weights with the parts of switched-off signals set to zero."""
    weights = weights or WEIGHTS
    off: dict[str, float] = {}
    if not signals.profiles:
        off |= {"profile": 0.0, "dense_profile": 0.0}
    if not signals.dense:
        off |= {"dense_name": 0.0, "dense_profile": 0.0, "dense_label": 0.0}
    if not signals.labels:
        off |= {"label": 0.0, "label_exact": 0.0, "dense_label": 0.0}
    return replace(weights, **off)


def occupation_classify(title: str, description: str = "") -> OccupationGuess:
    """Classify a title (and optional description) to a 大典 occupation with candidates."""
    model = classifier_model()
    weights = weights_for(model.signals)
    return guess_from_scores(model, combine(score_parts(model, title, description), weights))


__all__ = [
    "OccupationGuess",
    "Signals",
    "Weights",
    "classifier_model",
    "classifier_version",
    "clean_title",
    "combine",
    "guess_from_scores",
    "occupation_classify",
    "occupation_scores",
    "score_parts",
    "weights_for",
]
