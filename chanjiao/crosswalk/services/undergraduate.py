"""Infer occupation links for 普通本科 majors, which have no teaching standard and no 职业面向.

Three kinds of evidence, each stated in the link's note, all read from the reference data:

* *name*: the classifier's probability for the major's name, with its 专业类, 门类, 就业方向 and
  专业介绍 as description, among the 细类 of the 大典 大类 that graduates of a bachelor's
  programme plausibly enter (1 负责人, 2 专业技术人员, 3 办事人员, 4 社会生产服务人员);
* *vocational twins*: the vocational majors with the most similar names (本科 护理学 ↔ 高职 护理)
  and the occupations their teaching standards cite;
* *career directions*: the 阳光高考 就业方向 titles of the major (门诊护士, 会计/会计师), each
  classified on its own; titles listed for many majors (公务员, 事业单位人员, 考研) are dropped.

Precision over coverage: a link needs a score of at least ``MIN_CONFIDENCE``; a name alone
is enough only when it is near-certain.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from chanjiao.catalogs.models import Major, MajorLevel, MajorOccupationLink, MajorSystem
from chanjiao.crosswalk.classifier import classifier_model, occupation_scores
from chanjiao.search.text import normalize

ALLOWED_GROUPS = ("1", "2", "3", "4")
W_NAME = 0.4
W_TWINS = 0.35
W_DIRECTIONS = 0.35
NAME_TOP = 5
NAME_TEMPERATURE = 0.05
NAME_MIN_PROBABILITY = 0.05
NAME_ALONE_MIN_SCORE = 0.2
TWIN_LEVELS = (MajorLevel.HIGHER, MajorLevel.BACHELOR_VOCATIONAL)
TWIN_MIN_SIMILARITY = 0.6
TWIN_COUNT = 3
TWINS_NAMED = 2
DIRECTION_SPLIT = ";"
DIRECTION_GENERIC_SHARE = 0.1
DIRECTION_MIN_SCORE = 0.25
DIRECTION_MIN_PROBABILITY = 0.4
DIRECTION_TEMPERATURE = 0.06
DIRECTIONS_NAMED = 2
DIRECTION_ALONE_MIN = 2
MIN_CONFIDENCE = 0.25
RELATIVE_TO_BEST = 0.4
MAX_LINKS = 5


@dataclass
class Evidence:
    """A proposed occupation's score and note parts; ``kinds`` only for 普通本科 majors."""

    score: float = 0.0
    parts: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)


@dataclass
class _Twins:
    names: list[str]
    vectorizer: TfidfVectorizer
    matrix: object
    occupations: dict[str, Counter[int]]
    majors: dict[str, int]


@dataclass
class UndergraduateContext:
    """What the inference reads once per run: the model mask, vocational twins, generic titles."""

    allowed: np.ndarray
    twins: _Twins | None
    generic_directions: set[str]
    allowed_ids: set[int]
    codes: dict[int, str]


def _directions(major: Major) -> list[str]:
    raw = major.career_directions.replace("；", DIRECTION_SPLIT)
    return [d.strip() for d in dict.fromkeys(raw.split(DIRECTION_SPLIT)) if d.strip()]


def _twins() -> _Twins | None:
    occupations: dict[str, Counter[int]] = defaultdict(Counter)
    majors: dict[str, set[int]] = defaultdict(set)
    for name, major_id, occupation_id in MajorOccupationLink.objects.filter(
        is_active=True,
        major__system=MajorSystem.VOCATIONAL,
        major__level__in=TWIN_LEVELS,
        major__is_active=True,
    ).values_list("major__name", "major_id", "occupation_id"):
        occupations[name][occupation_id] += 1
        majors[name].add(major_id)
    if not occupations:
        return None
    names = sorted(occupations)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform(normalize(n) for n in names)
    return _Twins(
        names=names,
        vectorizer=vectorizer,
        matrix=matrix,
        occupations=occupations,
        majors={name: len(ids) for name, ids in majors.items()},
    )


def undergraduate_context(majors: list[Major]) -> UndergraduateContext:
    model = classifier_model()
    allowed = np.array([code.startswith(ALLOWED_GROUPS) for code in model.codes])
    counts: Counter[str] = Counter(d for m in majors for d in _directions(m))
    with_directions = sum(1 for m in majors if m.career_directions) or 1
    generic = {
        d for d, count in counts.items() if count > DIRECTION_GENERIC_SHARE * with_directions
    }
    return UndergraduateContext(
        allowed=allowed,
        twins=_twins(),
        generic_directions=generic,
        allowed_ids=set(np.asarray(model.ids)[allowed].tolist()),
        codes=dict(zip(model.ids, model.codes, strict=True)),
    )


def _masked(scores: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    return np.where(allowed, scores, -np.inf)


def _name_evidence(major: Major, context: UndergraduateContext, found: dict) -> None:
    model = classifier_model()
    groups = [g.name for g in (major.major_class, major.category) if g is not None]
    description = " ".join([*groups, major.career_directions, major.summary])
    scores = _masked(occupation_scores(model, major.name, description), context.allowed)
    name_only = occupation_scores(model, major.name)
    order = np.argsort(-scores, kind="stable")[:NAME_TOP]
    weights = np.exp((scores[order] - scores[order[0]]) / NAME_TEMPERATURE)
    for index, probability in zip(order, weights / weights.sum(), strict=True):
        if probability < NAME_MIN_PROBABILITY:
            continue
        found[model.ids[index]].score += W_NAME * float(probability)
        found[model.ids[index]].parts.append(f"名称与专业介绍相似（{probability:.2f}）")
        # The description alone (就业方向, 专业介绍) can lift an occupation the name never names.
        strong = name_only[index] >= NAME_ALONE_MIN_SCORE
        found[model.ids[index]].kinds.add("name" if strong else "name_weak")


def _twin_evidence(major: Major, context: UndergraduateContext, found: dict) -> None:
    twins = context.twins
    if twins is None:
        return
    similarity = (twins.matrix @ twins.vectorizer.transform([normalize(major.name)]).T).toarray()
    similarity = similarity.ravel()
    order = [
        i
        for i in np.argsort(-similarity, kind="stable")[:TWIN_COUNT]
        if similarity[i] >= TWIN_MIN_SIMILARITY
    ]
    if not order:
        return
    total = float(sum(similarity[i] for i in order))
    shares: dict[int, float] = defaultdict(float)
    cited_by: dict[int, list[str]] = defaultdict(list)
    for i in order:
        name = twins.names[i]
        for occupation_id, count in twins.occupations[name].items():
            if occupation_id not in context.allowed_ids:
                continue
            shares[occupation_id] += float(similarity[i]) / total * count / twins.majors[name]
            cited_by[occupation_id].append(twins.names[i])
    for occupation_id, share in shares.items():
        quoted = "、".join(f"“{n}”" for n in cited_by[occupation_id][:TWINS_NAMED])
        # Damped by the best similarity: a loose namesake is weaker evidence than a twin.
        weight = share * min(1.0, float(similarity[order[0]]) / 0.85)
        found[occupation_id].score += W_TWINS * weight
        found[occupation_id].parts.append(
            f"名称相近的职业教育专业{quoted}的课标职业（{weight:.2f}）"
        )
        found[occupation_id].kinds.add("twin")


def _direction_evidence(major: Major, context: UndergraduateContext, found: dict) -> None:
    directions = [d for d in _directions(major) if d not in context.generic_directions]
    if not directions:
        return
    model = classifier_model()
    hits: dict[int, list[str]] = defaultdict(list)
    for direction in directions:
        scores = _masked(occupation_scores(model, direction), context.allowed)
        order = np.argsort(-scores, kind="stable")[:NAME_TOP]
        if scores[order[0]] < DIRECTION_MIN_SCORE:
            continue
        weights = np.exp((scores[order] - scores[order[0]]) / DIRECTION_TEMPERATURE)
        if weights[0] / weights.sum() < DIRECTION_MIN_PROBABILITY:
            continue
        hits[model.ids[order[0]]].append(direction)
    for occupation_id, named in hits.items():
        share = len(named) / len(directions)
        quoted = "、".join(f"“{d}”" for d in named[:DIRECTIONS_NAMED])
        found[occupation_id].score += W_DIRECTIONS * min(1.0, 1.5 * share)
        found[occupation_id].parts.append(
            f"阳光高考就业方向{quoted}（{len(named)}/{len(directions)} 个方向）"
        )
        strong = len(named) >= DIRECTION_ALONE_MIN
        found[occupation_id].kinds.add("direction" if strong else "direction_weak")


def _enough(evidence: Evidence, group_supported: bool) -> bool:
    """Two kinds of evidence, or one strong kind; a twin alone only in a supported 小类."""
    if len(evidence.kinds) >= 2:
        return True
    if evidence.kinds == {"twin"}:
        return group_supported
    return bool(evidence.kinds & {"name", "direction"})


def undergraduate_proposals(major: Major, context: UndergraduateContext) -> list:
    """Return ``[(occupation_id, Evidence)]``, best first, for one 普通本科 major."""
    found: dict[int, Evidence] = defaultdict(Evidence)
    _name_evidence(major, context, found)
    _twin_evidence(major, context, found)
    _direction_evidence(major, context, found)
    codes = context.codes
    # A twin's occupation counts only in a 小类 that the major's own texts point to as well.
    groups = {codes[o][:7] for o, e in found.items() if e.kinds - {"twin"}}
    ranked = sorted(
        ((o, e) for o, e in found.items() if _enough(e, codes[o][:7] in groups)),
        key=lambda item: (-item[1].score, item[0]),
    )
    if not ranked:
        return []
    floor = max(MIN_CONFIDENCE, RELATIVE_TO_BEST * ranked[0][1].score)
    return [(o, e) for o, e in ranked[:MAX_LINKS] if e.score >= floor]
