"""Which majors a demonstration school offers: the locality's key-industry area first.

A major is "in the area" when its name, or the name of an occupation its teaching standard
prepares for (``MajorOccupationLink``), shares a specific term with a key industry's label or
GB/T 4754 names. Majors of the same 专业类 come next, then widely taught majors.
"""

import math
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from chanjiao.catalogs.models import (
    Industry,
    LinkEvidence,
    Major,
    MajorLevel,
    MajorOccupationLink,
    MajorSystem,
    Occupation,
)

OFFERING_YEARS = range(2021, 2026)
VOCATIONAL_VERSION = "2021"

# Words too general to say anything about an industry on their own; they split names into terms.
# fmt: off
_GENERIC_WORDS = (
    "制造", "加工", "生产", "服务", "技术", "管理", "工程", "设备", "产品", "综合", "利用",
    "处理", "专用", "相关", "行业", "产业", "活动", "经营", "开发", "应用", "制品", "用品",
    "器材", "材料", "现代", "新型", "智能", "数字", "高端", "特色", "传统", "其他", "以外",
    "除外", "业", "类",
)
# fmt: on
_SEPARATORS = re.compile("[^\u4e00-\u9fff]+|[和及与或的等、]|" + "|".join(_GENERIC_WORDS))
_MAX_TERM_DOCUMENTS = 30
_AREA_MAJORS_PER_LEVEL = 12
# 专业大类 that nearly every vocational school offers something from.
# fmt: off
_WIDESPREAD_CATEGORIES = frozenset({
    "电子与信息大类", "财经商贸大类", "装备制造大类", "交通运输大类", "医药卫生大类",
    "教育与体育大类", "旅游大类", "土木建筑大类", "文化艺术大类",
})
# fmt: on


@dataclass
class LevelPool:
    """Majors of one level, in the order a school in this locality would pick them."""

    area: list[Major] = field(default_factory=list)
    related: list[Major] = field(default_factory=list)
    common: list[Major] = field(default_factory=list)
    common_weights: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Offering:
    major: Major
    year: int
    planned_enrollment: int


def level_pools(*, key_industries: list[tuple[str, list[Industry]]]) -> dict[str, LevelPool]:
    """Rank every level's majors for a locality whose key industries are given."""
    majors = list(
        Major.objects.filter(is_active=True)
        .filter(
            Q(system=MajorSystem.VOCATIONAL, catalog_version=VOCATIONAL_VERSION)
            | Q(system=MajorSystem.UNDERGRADUATE)
        )
        .select_related("category", "major_class")
        .order_by("system", "level", "code")
    )
    links: dict[int, list[int]] = {}
    for major_id, occupation_id in (
        MajorOccupationLink.objects.filter(
            evidence_type=LinkEvidence.TEACHING_STANDARD, is_active=True
        )
        .order_by("major_id", "occupation_id")
        .values_list("major_id", "occupation_id")
    ):
        links.setdefault(major_id, []).append(occupation_id)
    occupations = dict(Occupation.objects.order_by("pk").values_list("pk", "name"))
    terms = _area_terms(key_industries, [m.name for m in majors] + list(occupations.values()))
    occupation_scores = {pk: _text_score(name, terms) for pk, name in occupations.items()}
    pools: dict[str, LevelPool] = {}
    for level in MajorLevel.values:
        of_level = [m for m in majors if m.level == level]
        scores = {
            m.pk: _major_score(m, terms, links.get(m.pk, []), occupation_scores) for m in of_level
        }
        pools[level] = _pool(of_level, scores, links)
    return pools


def _major_score(
    major: Major, terms: dict[str, float], links: list[int], occupation_scores: dict[int, float]
) -> float:
    """Name matches count double; occupation matches are diluted by the number of links."""
    from_occupations = sum(occupation_scores[o] for o in links) / math.sqrt(len(links) or 1)
    return 2 * _text_score(major.name, terms) + from_occupations


def _pool(majors: list[Major], scores: dict[int, float], links: dict[int, list[int]]) -> LevelPool:
    ranked = sorted((m for m in majors if scores[m.pk] > 0), key=lambda m: (-scores[m.pk], m.code))
    area = ranked[:_AREA_MAJORS_PER_LEVEL]
    chosen = {m.pk for m in area}
    classes = {m.major_class_id for m in area}
    related = [m for m in majors if m.major_class_id in classes and m.pk not in chosen]
    chosen |= {m.pk for m in related}
    # Widely taught: a teaching standard exists (vocational) or 阳光高考 has graduate numbers.
    common = [m for m in majors if m.pk not in chosen and (m.pk in links or m.graduate_scale)]
    return LevelPool(
        area=area, related=related, common=common, common_weights=[_popularity(m) for m in common]
    )


def _popularity(major: Major) -> float:
    """Weight a major by how widely it is taught: graduate numbers, or a widespread 大类."""
    scale = re.match(r"(\d+)", major.graduate_scale)
    if scale:
        return 1 + int(scale.group(1)) / 2000
    category = major.category.name if major.category else ""
    return 4.0 if category in _WIDESPREAD_CATEGORIES else 1.0


def _area_terms(
    key_industries: list[tuple[str, list[Industry]]], documents: list[str]
) -> dict[str, float]:
    """Return terms naming the key industries, weighted by length and rarity."""
    candidates: set[str] = set()
    for label, industries in key_industries:
        names = [industry.name for industry in industries]
        candidates |= _substrings([label, *names])
        # A character shared by the label and the catalogue names (六堡茶, 精制茶加工 → 茶).
        candidates |= set(label) & set("".join(names)) - set("".join(_GENERIC_WORDS))
    terms: dict[str, float] = {}
    for term in sorted(candidates):
        frequency = sum(1 for document in documents if term in document)
        if 1 <= frequency <= _MAX_TERM_DOCUMENTS:
            terms[term] = (1 + (len(term) - 1) / 2) * math.log(len(documents) / frequency)
    return terms


def _substrings(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for part in _SEPARATORS.split(text):
            for size in range(2, len(part) + 1):
                found |= {part[i : i + size] for i in range(len(part) - size + 1)}
    return found


def _text_score(text: str, terms: dict[str, float]) -> float:
    return max((weight for term, weight in terms.items() if term in text), default=0.0)


def area_industries(industry: Industry, all_industries: list[Industry]) -> list[Industry]:
    """Return the industry and its descendants down to two levels below it."""
    if industry.level == Industry.Level.SECTION:
        below = [i for i in all_industries if i.section == industry.code]
    else:
        below = [i for i in all_industries if i.code.startswith(industry.code)]
    depth: dict[str, int] = {
        Industry.Level.SECTION: 0,
        Industry.Level.DIVISION: 1,
        Industry.Level.GROUP: 2,
        Industry.Level.CLASS: 3,
    }
    limit = depth[industry.level] + 2
    return [i for i in below if depth[i.level] <= limit]


def school_offerings(rng: random.Random, *, pool: LevelPool, is_key_school: bool) -> list[Offering]:
    """Pick 8–20 majors a year for 2021–2025, with openings, closures and varying plans."""
    full = rng.randint(8, 14)
    partial = rng.randint(2, min(6, 20 - full))
    total = full + partial
    key_share = 0.45 if is_key_school else 0.3
    picked = _sample(rng, pool.area, max(2, round(total * key_share)))
    picked += _sample(rng, pool.related, round(total * 0.2), exclude=picked)
    picked += _weighted_sample(
        rng, pool.common, pool.common_weights, total - len(picked), exclude=picked
    )
    picked += _sample(rng, pool.related + pool.area, total - len(picked), exclude=picked)
    rng.shuffle(picked)
    area_ids = {m.pk for m in pool.area}
    offerings: list[Offering] = []
    for index, major in enumerate(picked):
        start, end = 2021, 2025
        if index >= full:
            if major.pk in area_ids or rng.random() < 0.6:
                start = rng.choice((2022, 2023, 2024))
            else:
                end = rng.choice((2022, 2023, 2024))
        offerings += _enrollments(
            rng, major=major, years=range(start, end + 1), growing=major.pk in area_ids
        )
    return offerings


def _sample(
    rng: random.Random, majors: list[Major], count: int, exclude: list[Major] | None = None
) -> list[Major]:
    taken = {m.pk for m in exclude or []}
    available = [m for m in majors if m.pk not in taken]
    return rng.sample(available, min(max(count, 0), len(available)))


def _weighted_sample(
    rng: random.Random,
    majors: list[Major],
    weights: list[float],
    count: int,
    exclude: list[Major],
) -> list[Major]:
    """Sample without replacement, favouring heavy weights (Efraimidis–Spirakis keys)."""
    taken = {m.pk for m in exclude}
    keyed = [(rng.random() ** (1 / w), m) for m, w in zip(majors, weights, strict=True)]
    ranked = sorted((k for k in keyed if k[1].pk not in taken), key=lambda k: -k[0])
    return [m for _, m in ranked[: max(count, 0)]]


def _enrollments(
    rng: random.Random, *, major: Major, years: range, growing: bool
) -> list[Offering]:
    ranges: dict[str, tuple[int, int]] = {
        MajorLevel.SECONDARY: (40, 150),
        MajorLevel.HIGHER: (45, 240),
    }
    low, high = ranges.get(major.level, (40, 160))
    base = rng.randint(low, high)
    trend = rng.uniform(0.03, 0.15) if growing else rng.uniform(-0.08, 0.08)
    offerings = []
    for step, year in enumerate(years):
        planned = base * (1 + trend) ** step * rng.uniform(0.92, 1.08)
        offerings.append(
            Offering(major=major, year=year, planned_enrollment=max(20, round(planned / 5) * 5))
        )
    return offerings
