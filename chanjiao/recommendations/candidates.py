"""Build the candidate index of a target group from the database (once per job run / cache)."""

import time
from typing import Any

from django.db.models import Q
from django.utils import timezone

from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ProfileConsent, live_condition
from chanjiao.organizations.models import SCHOOL_TYPES, Organization, OrganizationType, SchoolMajor
from chanjiao.recommendations import links
from chanjiao.recommendations.engine import CandidateIndex, IndexBuilder
from chanjiao.recommendations.engine.index import day_number
from chanjiao.recommendations.features import (
    education_of_major_level,
    education_rank,
    key_industry_label,
    tokens,
)
from chanjiao.recommendations.groups import GROUPS

INDUSTRY_KEY_WEIGHT = 0.5
CACHE_SECONDS = 300
_CACHE: dict[str, tuple[float, CandidateIndex]] = {}
INSTITUTION_TYPES = SCHOOL_TYPES | {OrganizationType.RESEARCH_INSTITUTE}


def open_listings(kinds: tuple[tuple[str, str], ...]) -> Any:
    """Return live items of these (kind, direction) pairs that still have places left."""
    condition = Q(pk__in=[])
    for kind, direction in kinds:
        condition |= Q(kind=kind, direction=direction)
    return (
        Listing.objects.filter(live_condition())
        .filter(condition)
        .exclude(quantity=0)
        .select_related("region", "industry", "organization__industry")
        .prefetch_related("majors")
    )


def _listing_keys(listing: Listing, occupations: dict[int, tuple[int, float, str]]) -> list:
    keys = [(f"m:{m.pk}", 1.0) for m in listing.majors.all()]
    if listing.pk in occupations:
        occ_id, confidence, _ = occupations[listing.pk]
        keys.append((f"o:{occ_id}", max(min(confidence, 1.0), 0.1)))
    industry = listing.industry or (listing.organization.industry if listing.organization else None)
    if industry is not None:
        keys.append((f"i:{industry.pk}", INDUSTRY_KEY_WEIGHT))
    return keys


def _add_listings(builder: IndexBuilder, listings: list[Listing]) -> None:
    occupations = links.listing_occupations([x.pk for x in listings])
    for item in listings:
        industry = item.industry or (item.organization.industry if item.organization else None)
        builder.add(
            target_id=item.pk,
            keys=_listing_keys(item, occupations),
            tokens=tokens(item.title, item.skills, item.description, _detail_text(item)),
            region_code=item.region.code,
            education=education_rank(item.education),
            day=day_number(timezone.localdate(item.published_at) if item.published_at else None),
            organization_id=item.organization_id or 0,
            key_industry=key_industry_label(item.region.code, [industry.code] if industry else []),
        )


def _detail_text(item: Listing) -> str:
    details = item.details or {}
    return " ".join(
        str(details.get(k) or "") for k in ("technical_field", "expertise", "equipment")
    )


def listings_index(kinds: tuple[tuple[str, str], ...], extra: Q | None = None) -> CandidateIndex:
    """Build an index over the open items of these kinds."""
    qs = open_listings(kinds)
    if extra is not None:
        qs = qs.filter(extra)
    builder = IndexBuilder()
    _add_listings(builder, list(qs))
    return builder.build()


def consenting_profiles_index(organization_id: int) -> CandidateIndex:
    """Build an index over the job-seeker profiles that consented to this organisation only."""
    consented = ProfileConsent.objects.filter(
        organization_id=organization_id, withdrawn_at__isnull=True
    ).values("profile_id")
    return listings_index(((ListingKind.JOBSEEKER, "supply"),), Q(pk__in=consented))


def _major_keys(major_ids: list[int]) -> dict[int, list[tuple[str, float]]]:
    edges = links.occupations_for_majors(major_ids)
    return {
        m: [(f"m:{m}", 1.0)] + [(f"o:{e.occupation_id}", float(e.weight)) for e in edges.get(m, [])]
        for m in major_ids
    }


def school_majors_index() -> CandidateIndex:
    """Build an index over 专业点 (the latest year of each school × major)."""
    rows = (
        SchoolMajor.objects.select_related("school__region", "major")
        .filter(school__org_type__in=SCHOOL_TYPES)
        .order_by("school_id", "major_id", "-year")
    )
    latest: dict[tuple[int, int], SchoolMajor] = {}
    for row in rows:
        latest.setdefault((row.school_id, row.major_id), row)
    keys = _major_keys(sorted({m for _, m in latest}))
    builder = IndexBuilder()
    for row in latest.values():
        builder.add(
            target_id=row.pk,
            keys=keys[row.major_id],
            tokens=tokens(row.major.name, row.major.career_directions),
            region_code=row.school.region.code,
            education=education_rank(_education_of(row.major.level)),
            organization_id=row.school_id,
        )
    return builder.build()


def _education_of(level: str) -> str:
    return education_of_major_level(level)


def institutions_index() -> CandidateIndex:
    """Build an index over schools and research institutes (their 专业点 and industry as keys)."""
    orgs = list(
        Organization.objects.filter(org_type__in=INSTITUTION_TYPES).select_related(
            "region", "industry"
        )
    )
    majors: dict[int, set[int]] = {}
    for school_id, major_id in SchoolMajor.objects.values_list("school_id", "major_id"):
        majors.setdefault(school_id, set()).add(major_id)
    keys = _major_keys(sorted({m for ms in majors.values() for m in ms}))
    builder = IndexBuilder()
    for org in orgs:
        org_keys = [k for m in sorted(majors.get(org.pk, ())) for k in keys[m]]
        if org.industry_id:
            org_keys.append((f"i:{org.industry_id}", INDUSTRY_KEY_WEIGHT))
        builder.add(
            target_id=org.pk,
            keys=org_keys,
            tokens=tokens(org.name, org.description),
            region_code=org.region.code,
            organization_id=org.pk,
        )
    return builder.build()


def group_indexes(group_name: str, *, use_cache: bool = True) -> dict[str, CandidateIndex]:
    """Return the shared indexes of a group by target type (cached a few minutes per process)."""
    group = GROUPS[group_name]
    out: dict[str, CandidateIndex] = {}
    if group.kinds:
        out["listing"] = _cached(
            f"{group_name}:listing", lambda: listings_index(group.kinds), use_cache
        )
    if group.school_majors:
        out["school_major"] = _cached("school_majors", school_majors_index, use_cache)
    if group.institutions:
        out["organization"] = _cached("institutions", institutions_index, use_cache)
    return out


def _cached(name: str, build: Any, use_cache: bool) -> CandidateIndex:
    now = time.monotonic()
    hit = _CACHE.get(name)
    if use_cache and hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    index = build()
    _CACHE[name] = (now, index)
    return index


def indexes_forget() -> None:
    """Drop every cached index (after items change)."""
    _CACHE.clear()
