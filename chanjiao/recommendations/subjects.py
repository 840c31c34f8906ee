"""Turn a subject (a student, an item, a school's cohort) into the vector the engine matches."""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.catalogs.skills import skills_for_major
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization
from chanjiao.recommendations import links
from chanjiao.recommendations.engine import SubjectVector
from chanjiao.recommendations.features import (
    education_of_major_level,
    education_rank,
    tokens,
)
from chanjiao.recommendations.groups import group_for_listing
from chanjiao.recommendations.models import RecommendationFeedback, SubjectType
from chanjiao.recommendations.orientation import orientation_occupations
from chanjiao.students.models import StudentProfile

INDUSTRY_WEIGHT = 0.5
FEEDBACK_KEY_FACTOR = 0.5
FEEDBACK_ORG_FACTOR = 0.8
PERSON_KINDS = {ListingKind.JOBSEEKER, ListingKind.GRADUATES}


@dataclass
class Subject:
    """A subject ready for scoring: its vector, the labels of its keys and its consent owner."""

    subject_type: str
    subject_key: str
    group: str
    vector: SubjectVector
    key_labels: dict[str, str] = field(default_factory=dict)
    organization_id: int | None = None
    excluded: dict[str, set[int]] = field(default_factory=dict)


@dataclass
class _Facts:
    major_ids: list[int] = field(default_factory=list)
    occupation_ids: list[int] = field(default_factory=list)
    industry_ids: list[int] = field(default_factory=list)


def _name(obj: Any) -> str:
    return f"{obj.name}（{obj.code}）"


def _keys_and_labels(facts: _Facts) -> tuple[dict[str, float], dict[str, str]]:
    majors = Major.objects.in_bulk(facts.major_ids)
    weights: dict[str, float] = {}
    labels: dict[str, str] = {}

    def put(key: str, weight: float, label: str) -> None:
        if weight > weights.get(key, 0.0):
            weights[key], labels[key] = weight, label

    for m in majors.values():
        put(f"m:{m.pk}", 1.0, f"专业匹配：{_name(m)}")
    for occ in Occupation.objects.filter(pk__in=facts.occupation_ids):
        put(f"o:{occ.pk}", 1.0, f"职业匹配：{_name(occ)}")
    _put_major_edges(majors, put)
    _put_orientation(majors, put)
    _put_occupation_edges(facts.occupation_ids, put)
    for ind in Industry.objects.filter(pk__in=facts.industry_ids):
        put(f"i:{ind.pk}", INDUSTRY_WEIGHT, f"行业匹配：{_name(ind)}")
    return weights, labels


def _link_label(major: Major, occ: Occupation, evidence: str) -> str:
    """Return '专业对口：数控技术 → 车工（6-18-01-01，课标）'."""
    return f"专业对口：{major.name} → {occ.name}（{occ.code}，{links.evidence_label(evidence)}）"


def _put_major_edges(majors: dict[int, Major], put: Any) -> None:
    edges = links.occupations_for_majors(list(majors))
    occ_ids = {e.occupation_id for es in edges.values() for e in es}
    occs = Occupation.objects.in_bulk(occ_ids)
    for major_id, es in edges.items():
        for e in es:
            occ = occs.get(e.occupation_id)
            if occ is not None:
                put(f"o:{occ.pk}", float(e.weight), _link_label(majors[major_id], occ, e.evidence))
    industries = links.industries_for_occupations(sorted(occ_ids))
    names = Industry.objects.in_bulk({i for rows in industries.values() for i, _, _ in rows})
    for occ_id, rows in industries.items():
        for industry_id, weight, _evidence in rows:
            if industry_id in names:
                label = f"行业对口：{occs[occ_id].name} → {names[industry_id].name}"
                put(f"i:{industry_id}", INDUSTRY_WEIGHT * float(weight), label)


def _put_orientation(majors: dict[int, Major], put: Any) -> None:
    """The occupations each major's 专业简介 names in its 职业面向 (after the crosswalk's)."""
    named = {m: orientation_occupations(m) for m in majors}
    occs = Occupation.objects.in_bulk({o for found in named.values() for o in found})
    for major_id, found in named.items():
        for occ_id, weight in found.items():
            if occ_id in occs:
                label = _link_label(majors[major_id], occs[occ_id], "专业简介")
                put(f"o:{occ_id}", weight, label)


def _put_occupation_edges(occupation_ids: list[int], put: Any) -> None:
    edges = links.majors_for_occupations(occupation_ids)
    majors = Major.objects.in_bulk({e.major_id for es in edges.values() for e in es})
    occs = Occupation.objects.in_bulk(occupation_ids)
    for occ_id, es in edges.items():
        for e in es:
            major = majors.get(e.major_id)
            if major is not None:
                put(f"m:{major.pk}", float(e.weight), _link_label(major, occs[occ_id], e.evidence))


def _apply_feedback(subject: Subject) -> None:
    rows = RecommendationFeedback.objects.filter(
        subject_type=subject.subject_type, subject_key=subject.subject_key
    )
    vector = subject.vector
    for row in rows:
        subject.excluded.setdefault(row.target_type, set()).add(row.target_id)
        for key in (f"o:{row.occupation_id}", f"m:{row.major_id}"):
            if key in vector.key_weights:
                vector.key_weights[key] *= FEEDBACK_KEY_FACTOR
        if row.organization_id:
            old = vector.org_penalties.get(row.organization_id, 1.0)
            vector.org_penalties[row.organization_id] = old * FEEDBACK_ORG_FACTOR


def _subject(
    subject_type: str, key: str, group: str, facts: _Facts, text: set[str], **vector: Any
) -> Subject:
    weights, labels = _keys_and_labels(facts)
    vec = SubjectVector(
        key_weights=weights, tokens=text, today=timezone.localdate().toordinal(), **vector
    )
    subject = Subject(subject_type, key, group, vec, labels)
    _apply_feedback(subject)
    return subject


def subject_for_student(profile: StudentProfile) -> Subject:
    """Build the subject of a student's or graduate's profile (recommended posts)."""
    major = profile.major
    edu = education_rank(education_of_major_level(major.level))
    return _subject(
        SubjectType.STUDENT,
        str(profile.pk),
        "posts",
        _Facts(major_ids=[major.pk]),
        tokens(profile.skills, major.name, skills=skills_for_major(major)),
        region_code=profile.school.region.code,
        edu_max=edu,
    )


def subject_for_cohort(school: Organization, major: Major, year: int) -> Subject:
    """Build the subject of a school's graduating cohort of one major (recommended posts)."""
    edu = education_rank(education_of_major_level(major.level))
    return _subject(
        SubjectType.COHORT,
        cohort_key(school.pk, major.pk, year),
        "posts",
        _Facts(major_ids=[major.pk]),
        tokens(major.name, major.career_directions, skills=skills_for_major(major)),
        region_code=school.region.code,
        edu_max=edu,
    )


def cohort_key(school_id: int, major_id: int, year: int) -> str:
    """Return the stored key of a cohort (school × major × graduation year)."""
    return f"{school_id}:{major_id}:{year}"


def subject_for_listing(listing: Listing) -> Subject | None:
    """Build the subject of an item (None for a kind that has no recommendation direction)."""
    group = group_for_listing(listing.kind, listing.direction)
    if group is None:
        return None
    industry = listing.industry or (listing.organization.industry if listing.organization else None)
    facts = _Facts(
        major_ids=list(listing.majors.values_list("pk", flat=True)),
        occupation_ids=[listing.occupation_id] if listing.occupation_id else [],
        industry_ids=[industry.pk] if industry else [],
    )
    details = listing.details or {}
    extra = " ".join(str(details.get(k) or "") for k in ("technical_field", "expertise"))
    rank = education_rank(listing.education)
    bounds: dict[str, int | str] = (
        {"edu_max": rank} if listing.kind in PERSON_KINDS else {"edu_min": rank}
    )
    if listing.kind == ListingKind.JOBSEEKER:
        bounds["required_region_code"] = listing.region.code[:4]
    subject = _subject(
        SubjectType.LISTING,
        str(listing.pk),
        group,
        facts,
        tokens(listing.title, listing.skills, listing.description, extra),
        region_code=listing.region.code,
        **bounds,
    )
    subject.organization_id = listing.organization_id
    return subject
