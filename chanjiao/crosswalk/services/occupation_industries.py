"""Infer occupation → industry links from the reference texts themselves, for staff to review.

Three kinds of evidence, each stated in the link's note, none of them an official code:

- 职业文本: the occupation's name, definition and 小类/中类 names against the GB/T 4754 大类
  texts (names, 说明 and the names of their 中类/小类), as character n-gram TF-IDF similarity;
- 职业分类: the occupation's 中类/小类 name against the industry names alone (大典 groups such
  as 医药制造人员 or 通用设备制造人员 are named after the industry they work in);
- 专业简介: majors whose 职业面向 (《职业教育专业简介（2022年修订）》) or teaching-standard
  links name the occupation and whose 职业面向 or 岗位实习 sentence names an industry in words.

The strongest 大类 are kept (at most ``MAX_LINKS``); a link goes down to the 中类 when the texts
point at one 中类 clearly. Only inferred rows awaiting review are rewritten: observed, curated,
confirmed and rejected links are never touched, and a reviewed pair is never proposed again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import transaction

from chanjiao.crosswalk.industry_evidence import (
    PROFILES_SOURCE,
    Candidate,
    IndustryRow,
    IndustryTexts,
    OccupationRow,
    group_names,
    industry_candidates,
    major_evidence,
    occupation_parents,
    occupation_rows,
)
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus

MIN_CONFIDENCE = 0.2
RELATIVE_TO_BEST = 0.6
MAX_LINKS = 3
MAJORS_NAMED = 3
EVIDENCE_SHOWN = 0.3
# A 中类 is named instead of its 大类 when it holds this share of the 大类's text similarity.
GROUP_DOMINANCE = 0.5
MIN_GROUP_SIMILARITY = 0.15
MIN_CLASS_NAME = 3
BATCH_SIZE = 500


@dataclass(frozen=True)
class InferredIndustry:
    """One proposed industry of an occupation, with its confidence and evidence text."""

    industry_id: int
    industry_code: str
    confidence: float
    note: str


def _note(candidate: Candidate, minor_group: str) -> str:
    parts = []
    if candidate.text >= EVIDENCE_SHOWN:
        parts.append(f"职业名称与定义接近该行业的说明（{candidate.text:.2f}）")
    if candidate.group >= EVIDENCE_SHOWN:
        parts.append(f"所属职业类别“{minor_group}”与行业名称相近（{candidate.group:.2f}）")
    if candidate.majors:
        names = "、".join(f"“{name}”" for name in candidate.majors[:MAJORS_NAMED])
        parts.append(
            f"{PROFILES_SOURCE}中面向该职业的专业{names}的职业面向或岗位实习指向该行业"
            f"（{candidate.major_count}/{candidate.majors_linked} 个专业）"
        )
    return "推断：" + "；".join(parts) + "。"


def _named_class(texts: IndustryTexts, occupation: OccupationRow, division: IndustryRow) -> Any:
    """Return the 小类 of the 大类 whose full name the occupation's name or definition uses."""
    words = f"{occupation.name} {occupation.definition}"
    named = [
        row
        for row in texts.classes_by_division[division.code]
        if len(row.name) >= MIN_CLASS_NAME and not row.name.startswith("其他") and row.name in words
    ]
    return max(named, key=lambda row: (len(row.name), row.code), default=None)


def _narrowed(
    texts: IndustryTexts, occupation: OccupationRow, vector: Any, division: IndustryRow
) -> tuple[IndustryRow, str]:
    """Return the 小类 or 中类 the texts point at clearly, else the 大类 itself."""
    if (row := _named_class(texts, occupation, division)) is not None:
        return row, f"行业细化到小类：职业名称或定义写明“{row.name}”"
    members = [i for i, g in enumerate(texts.groups) if g.code[:2] == division.code]
    if len(members) < 2:
        return division, ""
    similarity = (texts.group_matrix[members] @ vector.T).toarray().ravel()
    best = int(np.argmax(similarity))
    if (
        similarity[best] < MIN_GROUP_SIMILARITY
        or similarity[best] < GROUP_DOMINANCE * similarity.sum()
    ):
        return division, ""
    group = texts.groups[members[best]]
    classes = texts.classes_by_group[group.code]
    target = classes[0] if len(classes) == 1 else group
    return target, f"行业细化到中类：职业文本最接近“{group.name}”（{similarity[best]:.2f}）"


def _chosen(
    texts: IndustryTexts,
    occupation: OccupationRow,
    candidates: dict[int, Candidate],
    vector: Any,
    minor_group: str,
) -> list[InferredIndustry]:
    ranked = sorted(candidates.items(), key=lambda item: (-item[1].score, item[0]))
    if not ranked:
        return []
    best = ranked[0][1].score
    chosen = []
    for index, candidate in ranked[:MAX_LINKS]:
        if candidate.score < MIN_CONFIDENCE or candidate.score < RELATIVE_TO_BEST * best:
            break
        target, narrowed = _narrowed(texts, occupation, vector, texts.divisions[index])
        note = _note(candidate, minor_group) + (narrowed + "。" if narrowed else "")
        confidence = round(min(candidate.score, 1.0), 4)
        chosen.append(InferredIndustry(target.pk, target.code, confidence, note))
    return chosen


def occupation_industries_infer_all(
    *, occupation_ids: Iterable[int] | None = None
) -> dict[int, list[InferredIndustry]]:
    """Return the inferred industries of each active 细类 occupation (nothing is written)."""
    texts = IndustryTexts()
    groups = group_names()
    occupations = occupation_rows()
    if occupation_ids is not None:
        wanted = set(occupation_ids)
        occupations = [o for o in occupations if o.pk in wanted]
    majors = major_evidence(texts, occupations, groups)
    candidates = industry_candidates(texts, occupations, groups, majors)
    # Narrowing to a 中类 reads the occupation's own words, not its group's (酒、饮料及精制茶).
    vectors = texts.vectors([f"{o.name} {o.name} {o.definition}" for o in occupations])
    found = {}
    for row, occupation in enumerate(occupations):
        minor, sub_major = occupation_parents(occupation.code, groups)
        found[occupation.pk] = _chosen(
            texts, occupation, candidates[row], vectors[row], minor or sub_major
        )
    return found


def _reviewed_pairs() -> set[tuple[int, int]]:
    rows = (
        IndustryLink.objects.filter(evidence=LinkEvidence.INFERRED)
        .exclude(status=LinkStatus.PROPOSED)
        .values_list("occupation_id", "industry_id")
    )
    return set(rows)


@transaction.atomic
def industry_links_infer(*, occupation_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Rewrite the proposed inferred occupation → industry links (all 细类, or the given ones)."""
    inferred = occupation_industries_infer_all(occupation_ids=occupation_ids)
    stale = IndustryLink.objects.select_for_update().filter(
        evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    )
    if occupation_ids is not None:
        stale = stale.filter(occupation_id__in=list(inferred))
    stale.delete()
    reviewed = _reviewed_pairs()
    rows = [
        IndustryLink(
            occupation_id=occupation_id,
            industry_id=item.industry_id,
            evidence=LinkEvidence.INFERRED,
            status=LinkStatus.PROPOSED,
            confidence=item.confidence,
            note=item.note,
        )
        for occupation_id, items in sorted(inferred.items())
        for item in items
        if (occupation_id, item.industry_id) not in reviewed
    ]
    IndustryLink.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    covered = sum(1 for items in inferred.values() if items)
    return {"occupations": len(inferred), "covered": covered, "links": len(rows)}
