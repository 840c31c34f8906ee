"""匹配度: how much of a major's linked occupations works in the locality's key industries.

score(major) = Σ_e w_e · share(o_e) / Σ_e w_e over the crosswalk edges e (major → occupation o_e,
weight w_e) whose occupation has at least one industry, where share(o) is the weighted part of the
occupation's industries that falls under a key industry. A key 门类 (letter) covers every industry
of its section; a key numeric code covers itself and its children (code prefix). A major with no
edge leading to any industry has no score (证据不足) and is never flagged for it; ``match_gaps``
says what is missing for each such major.

An occupation's industries are the observed (招聘信息统计), curated and confirmed links, plus the
inferred ones still awaiting review whose confidence reaches ``INFERRED_MIN_CONFIDENCE`` (the
crosswalk's reading of the catalogue texts, see docs/crosswalk.md). Each listed occupation names
the kinds of evidence behind its industries.
"""

from collections.abc import Iterable
from typing import Any

from chanjiao.catalogs.models import Industry, Occupation
from chanjiao.crosswalk.selectors import (
    crosswalk_industries_for_occupations,
    crosswalk_occupations_for_majors,
)
from chanjiao.early_warning.facts import MatchScore
from chanjiao.localities.models import KeyIndustry, Locality

# Inferred links awaiting review count only from this confidence on; reviewed ones always count.
INFERRED_MIN_CONFIDENCE = 0.3
INFERRED = "inferred"  # the evidence label of a proposed inference (crosswalk selectors)
GAP_NO_OCCUPATION = (
    "专业未关联职业：没有专业教学标准的职业面向，也没有推断或人工维护的专业—职业对应"
)
GAP_NO_INDUSTRY = (
    "关联职业无行业归属：该专业的 {count} 个职业（{names}）都没有招聘信息统计、"
    "推断或人工维护的行业对应"
)
GAP_NAMES_SHOWN = 3


def key_industry_codes(locality: Locality) -> tuple[list[str], list[str]]:
    """Return the locality's key-industry GB/T 4754 codes and the labels that have codes."""
    codes, labels = set(), []
    for key in KeyIndustry.objects.filter(locality=locality).prefetch_related("industries"):
        key_codes = [industry.code for industry in key.industries.all()]
        if key_codes:
            labels.append(key.label)
            codes.update(key_codes)
    return sorted(codes), labels


def industry_is_key(industry_code: str, section: str, key_codes: Iterable[str]) -> bool:
    """Tell whether an industry falls under one of the key codes (hierarchy-aware)."""
    for key in key_codes:
        if key.isalpha():
            if section == key:
                return True
        elif industry_code.startswith(key):
            return True
    return False


def _occupation_shares(
    industries_by_occupation: dict[int, list[Any]], key_codes: list[str]
) -> dict[int, float]:
    industry_ids = {item[0] for items in industries_by_occupation.values() for item in items}
    rows = Industry.objects.filter(pk__in=industry_ids).values_list("pk", "code", "section")
    is_key = {pk: industry_is_key(code, section, key_codes) for pk, code, section in rows}
    shares = {}
    for occupation_id, items in industries_by_occupation.items():
        total = sum(float(item[1] or 0) for item in items)
        if total <= 0:
            continue
        matched = sum(float(item[1] or 0) for item in items if is_key.get(item[0]))
        shares[occupation_id] = matched / total
    return shares


def occupation_industries(occupation_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Return the industries the match counts for each occupation (weak inferences left out)."""
    found = {}
    for occupation_id, items in crosswalk_industries_for_occupations(occupation_ids).items():
        kept = [
            item
            for item in items
            if item[2] != INFERRED or float(item[1]) >= INFERRED_MIN_CONFIDENCE
        ]
        if kept:
            found[occupation_id] = kept
    return found


def match_gaps(*, major_ids: list[int]) -> dict[int, str]:
    """Say, for each major without industry evidence, what is missing (majors with some: absent)."""
    edges_by_major = crosswalk_occupations_for_majors(major_ids)
    occupation_ids = sorted({e.occupation_id for edges in edges_by_major.values() for e in edges})
    with_industry = occupation_industries(occupation_ids)
    names = dict(Occupation.objects.filter(pk__in=occupation_ids).values_list("pk", "name"))
    gaps = {}
    for major_id in major_ids:
        edges = edges_by_major.get(major_id, [])
        if not edges:
            gaps[major_id] = GAP_NO_OCCUPATION
        elif not any(e.occupation_id in with_industry for e in edges):
            shown = "、".join(
                names.get(e.occupation_id, e.occupation_code) for e in edges[:GAP_NAMES_SHOWN]
            )
            more = "等" if len(edges) > GAP_NAMES_SHOWN else ""
            gaps[major_id] = GAP_NO_INDUSTRY.format(count=len(edges), names=shown + more)
    return gaps


def _evidence_kinds(items: list[Any]) -> list[str]:
    return sorted({str(item[2]) for item in items})


def match_scores(*, locality: Locality, major_ids: list[int]) -> dict[int, MatchScore | None]:
    """Return each major's match score with the locality's key industries (None: 证据不足)."""
    key_codes, _ = key_industry_codes(locality)
    if not key_codes:
        return dict.fromkeys(major_ids)
    edges_by_major = crosswalk_occupations_for_majors(major_ids)
    occupation_ids = sorted({e.occupation_id for edges in edges_by_major.values() for e in edges})
    industries = occupation_industries(occupation_ids)
    shares = _occupation_shares(industries, key_codes)
    scores: dict[int, MatchScore | None] = {}
    for major_id in major_ids:
        edges = [e for e in edges_by_major.get(major_id, []) if e.occupation_id in shares]
        linked = sum(float(e.weight) for e in edges)
        if linked <= 0:
            scores[major_id] = None
            continue
        matched = sum(float(e.weight) * shares[e.occupation_id] for e in edges)
        occupations = [
            {
                "code": e.occupation_code,
                "weight": round(float(e.weight), 4),
                "key_share": round(shares[e.occupation_id], 4),
                "industry_evidence": _evidence_kinds(industries[e.occupation_id]),
            }
            for e in sorted(edges, key=lambda e: (-float(e.weight), e.occupation_code))[:10]
        ]
        scores[major_id] = MatchScore(matched / linked, linked, matched, occupations)
    return scores
