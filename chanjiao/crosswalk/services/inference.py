"""Infer occupation links for majors that have no teaching-standard link.

Two kinds of evidence, both stated in the link's note: the official links of sibling majors in the
same 专业类 (share of siblings citing the occupation), and the similarity of the major's name and
description to the occupation texts (the classifier's probability). Only inferred rows awaiting
review are rewritten: official, curated, confirmed and rejected links are never touched.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import numpy as np
from django.db import transaction

from chanjiao.catalogs.models import Major, MajorOccupationLink, MajorSystem
from chanjiao.crosswalk.classifier import classifier_model, occupation_scores
from chanjiao.crosswalk.models import LinkEvidence, LinkStatus, MajorLink
from chanjiao.crosswalk.services.undergraduate import (
    Evidence,
    undergraduate_context,
    undergraduate_proposals,
)

W_SIBLINGS = 0.6
W_NAME = 0.4
NAME_TOP = 5
NAME_TEMPERATURE = 0.05
NAME_MIN_PROBABILITY = 0.01
MIN_CONFIDENCE = 0.12
MAX_LINKS = 6
SIBLINGS_NAMED = 3


def _official_by_major(major_ids: list[int] | None = None) -> dict[int, set[int]]:
    links = MajorOccupationLink.objects.filter(is_active=True)
    if major_ids is not None:
        links = links.filter(major_id__in=major_ids)
    by_major: dict[int, set[int]] = defaultdict(set)
    for major_id, occupation_id in links.values_list("major_id", "occupation_id"):
        by_major[major_id].add(occupation_id)
    return by_major


def _sibling_evidence(
    major: Major, siblings: list[Major], official: dict[int, set[int]]
) -> dict[int, Evidence]:
    linked = [s for s in siblings if s.pk != major.pk and official.get(s.pk)]
    found: dict[int, Evidence] = defaultdict(Evidence)
    if not linked:
        return found
    counts: Counter[int] = Counter(o for s in linked for o in official[s.pk])
    for occupation_id, count in counts.items():
        names = [s.name for s in linked if occupation_id in official[s.pk]][:SIBLINGS_NAMED]
        quoted = "、".join(f"“{name}”" for name in names)
        found[occupation_id].score += W_SIBLINGS * count / len(linked)
        found[occupation_id].parts.append(
            f"同专业类专业{quoted}的课标职业（{count}/{len(linked)} 个同类专业）"
        )
    return found


def _name_evidence(major: Major, found: dict[int, Evidence]) -> None:
    model = classifier_model()
    scores = occupation_scores(model, major.name, major.career_directions or major.summary)
    order = np.argsort(-scores, kind="stable")[:NAME_TOP]
    weights = np.exp((scores[order] - scores[order[0]]) / NAME_TEMPERATURE)
    for index, probability in zip(order, weights / weights.sum(), strict=True):
        if probability < NAME_MIN_PROBABILITY:
            continue
        found[model.ids[index]].score += W_NAME * float(probability)
        found[model.ids[index]].parts.append(f"名称相似（{probability:.2f}）")


def _proposals(major: Major, siblings: list[Major], official: dict[int, set[int]]) -> list:
    found = _sibling_evidence(major, siblings, official)
    _name_evidence(major, found)
    ranked = sorted(found.items(), key=lambda item: (-item[1].score, item[0]))
    return [(o, e) for o, e in ranked[:MAX_LINKS] if e.score >= MIN_CONFIDENCE]


def _write(major: Major, proposals: list, kept: set[int]) -> int:
    MajorLink.objects.filter(
        major=major, evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    ).delete()
    rows = [
        MajorLink(
            major=major,
            occupation_id=occupation_id,
            evidence=LinkEvidence.INFERRED,
            status=LinkStatus.PROPOSED,
            confidence=round(min(evidence.score, 1.0), 4),
            note="；".join(evidence.parts),
        )
        for occupation_id, evidence in proposals
        if occupation_id not in kept
    ]
    MajorLink.objects.bulk_create(rows)
    return len(rows)


def major_links_infer(
    *,
    major_ids: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Rewrite the proposed inferred links of majors without official links.

    Vocational majors are judged by their 专业类 siblings and names; 普通本科 majors, which have
    no teaching standard, by ``services.undergraduate``.
    """
    majors = list(
        Major.objects.filter(system=MajorSystem.VOCATIONAL, is_active=True).order_by("code")
    )
    undergraduate = list(
        Major.objects.filter(system=MajorSystem.UNDERGRADUATE, is_active=True)
        .select_related("major_class", "category")
        .order_by("code")
    )
    official = _official_by_major()
    by_class: dict[int | None, list[Major]] = defaultdict(list)
    for major in majors:
        by_class[major.major_class_id].append(major)
    reviewed: dict[int, set[int]] = defaultdict(set)
    for major_id, occupation_id in (
        MajorLink.objects.filter(evidence=LinkEvidence.INFERRED)
        .exclude(status=LinkStatus.PROPOSED)
        .values_list("major_id", "occupation_id")
    ):
        reviewed[major_id].add(occupation_id)
    wanted = set(major_ids) if major_ids is not None else None
    targets = [
        m
        for m in [*majors, *undergraduate]
        if not official.get(m.pk) and (wanted is None or m.pk in wanted)
    ]
    # Built only when a 普通本科 major is among the targets: it loads the model and the twins.
    wants_undergraduate = any(m.system == MajorSystem.UNDERGRADUATE for m in targets)
    context = undergraduate_context(undergraduate) if wants_undergraduate else None
    written = 0
    for done, major in enumerate(targets, start=1):
        if major.system == MajorSystem.UNDERGRADUATE and context is not None:
            proposals = undergraduate_proposals(major, context)
        else:
            siblings = by_class[major.major_class_id] if major.major_class_id else []
            proposals = _proposals(major, siblings, official)
        with transaction.atomic():
            written += _write(major, proposals, reviewed[major.pk])
        if progress is not None and (done % 100 == 0 or done == len(targets)):
            progress(done, len(targets))
    return {"majors": len(targets), "links": written}
