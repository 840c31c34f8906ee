"""Classify a posting title (and description) to a 职业分类大典 2022 occupation.

Each 细类 is a "document" made of its name and aliases (the name view) and of its definition, main
tasks and parent group names (the text view). A title is compared with both views by TF-IDF cosine
over character n-grams and jieba tokens; a name or alias found verbatim in the title adds a boost
that grows with the share of the title it covers. Scores become a confidence by a softmax over the
best candidates. The model is built from the database in a few seconds and kept per process.
"""

import functools
import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Max
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.catalogs.models import Occupation
from chanjiao.search.text import lexicon, normalize

MODEL_NAME = "tfidf-ngram-alias-1"
TOP_K = 5
# A best score below this means no word of the title resembles any occupation (e.g. "asdfgh").
MIN_SCORE = 0.08
SOFTMAX_TEMPERATURE = 0.06
# Weights of the score parts; fixed from the design, not fitted to the evaluation labels.
W_NAME_CHARS = 0.40
W_TEXT_TOKENS = 0.20
W_DESC = 0.30
W_MATCH = 0.45
# Below this confidence a 小类 that gathers most of the probability is returned instead.
MINOR_FALLBACK_CONFIDENCE = 0.25
MINOR_FALLBACK_MASS = 0.5
ALIAS_MARKS = re.compile(r"(?<=[\u4e00-\u9fff])[LS/]+$")
ALIAS_SPLIT = re.compile(r"[,，;；]+")
PART_SPLIT = re.compile(r"[/、（）()\s]+")
# Words of job-board titles that say nothing about the occupation.
TITLE_NOISE = re.compile(
    r"(急聘|诚聘|高薪|招聘|直招|包吃住|五险一金|双休|\d+k|\d+-\d+k|[（(【\[].*?[】\])）])"
)


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
class _Model:
    version: str
    ids: list[int]
    codes: list[str]
    names: list[str]
    match_words: list[tuple[str, int]]
    name_chars: TfidfVectorizer
    name_chars_matrix: object
    text_tokens: TfidfVectorizer
    text_tokens_matrix: object
    minor_groups: dict[str, tuple[int, str]]


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


def _catalog_version() -> str:
    stats = Occupation.objects.filter(is_active=True).aggregate(last=Max("updated_at"))
    count = Occupation.objects.filter(is_active=True).count()
    digest = hashlib.sha256(f"{count}|{stats['last']}".encode()).hexdigest()[:8]
    return f"{MODEL_NAME}:{digest}"


def _build(version: str) -> _Model:
    rows = list(
        Occupation.objects.filter(is_active=True, level=Occupation.Level.OCCUPATION)
        .select_related("parent__parent")
        .order_by("code")
    )
    minor_groups = {
        o.code[:7]: (o.pk, o.name)
        for o in Occupation.objects.filter(is_active=True, level=Occupation.Level.MINOR_GROUP)
    }
    name_docs, text_docs, match_words = [], [], []
    for index, occupation in enumerate(rows):
        words = [occupation.name, *_aliases(occupation.aliases)]
        name_docs.append(" ".join(normalize(w) for w in dict.fromkeys(words)))
        match_words += [(normalize(w), index) for w in dict.fromkeys(words) if len(w) >= 2]
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
    return _Model(
        version=version,
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


@functools.lru_cache(maxsize=2)
def _model_for(version: str) -> _Model:
    return _build(version)


def classifier_model() -> _Model:
    """Return this process's model, rebuilt when the occupation table changes."""
    return _model_for(_catalog_version())


def classifier_version() -> str:
    """Return the version string of the current model (name and catalogue digest), cheaply."""
    return _catalog_version()


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


def occupation_scores(model: _Model, title: str, description: str = "") -> np.ndarray:
    """Return the raw score of every 细类 for a title and description."""
    title = clean_title(title)
    description = normalize(description)[:2000]
    scores = (
        W_NAME_CHARS
        * (model.name_chars_matrix @ model.name_chars.transform([title]).T).toarray().ravel()
    )
    scores += (
        W_TEXT_TOKENS
        * (model.text_tokens_matrix @ model.text_tokens.transform([title]).T).toarray().ravel()
    )
    if description:
        # Relative to the best match: a description's cosine with long class texts is small.
        desc_vector = model.text_tokens.transform([description])
        similarity = (model.text_tokens_matrix @ desc_vector.T).toarray().ravel()
        if similarity.max() > 0:
            scores += W_DESC * similarity / similarity.max()
    scores += W_MATCH * _match_boost(model, title)
    return scores


def _guess(model: _Model, scores: np.ndarray) -> OccupationGuess:
    order = np.argsort(-scores, kind="stable")[:20]
    if scores[order[0]] < MIN_SCORE:
        return OccupationGuess(code="", name="", level="", confidence=0.0)
    top = scores[order]
    weights = np.exp((top - top[0]) / SOFTMAX_TEMPERATURE)
    probabilities = weights / weights.sum()
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


def occupation_classify(title: str, description: str = "") -> OccupationGuess:
    """Classify a title (and optional description) to a 大典 occupation with candidates."""
    model = classifier_model()
    return _guess(model, occupation_scores(model, title, description))
