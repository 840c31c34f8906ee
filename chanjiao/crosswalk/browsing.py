"""Reads behind the crosswalk pages and detail API: links with their evidence, search and paging."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from chanjiao.catalogs.models import Major, MajorOccupationLink, Occupation
from chanjiao.common.exceptions import NotFoundError
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus, MajorLink

PAGE_SIZE = 30


@dataclass
class MajorCrosswalk:
    """A major's occupations grouped by evidence."""

    major: Major
    official: list[MajorOccupationLink]
    curated: list[MajorLink]
    inferred: list[MajorLink]
    reviewed_out: list[MajorLink]


@dataclass
class OccupationCrosswalk:
    """An occupation's majors (by evidence) and industries."""

    occupation: Occupation
    official: list[MajorOccupationLink]
    platform: list[MajorLink]
    industries: list[IndustryLink]


def _live(queryset: QuerySet) -> QuerySet:
    return queryset.filter(
        status__in=(LinkStatus.PROPOSED, LinkStatus.CONFIRMED, LinkStatus.ACTIVE)
    )


def major_crosswalk_get(*, major_id: int) -> MajorCrosswalk:
    """Return a major with its official, curated and inferred occupation links."""
    major = Major.objects.select_related("major_class", "category").filter(pk=major_id).first()
    if major is None:
        raise NotFoundError("专业不存在。")
    official = list(
        MajorOccupationLink.objects.filter(major=major, is_active=True)
        .select_related("occupation")
        .order_by("occupation__code")
    )
    links = list(
        MajorLink.objects.filter(major=major)
        .select_related("occupation", "updated_by")
        .order_by("-confidence", "occupation__code")
    )
    return MajorCrosswalk(
        major=major,
        official=official,
        curated=[
            link for link in links if link.status in (LinkStatus.ACTIVE, LinkStatus.CONFIRMED)
        ],
        inferred=[link for link in links if link.status == LinkStatus.PROPOSED],
        reviewed_out=[
            link for link in links if link.status in (LinkStatus.REJECTED, LinkStatus.REMOVED)
        ],
    )


def occupation_crosswalk_get(*, occupation_id: int) -> OccupationCrosswalk:
    """Return an occupation with its majors (official and platform links) and industries."""
    occupation = Occupation.objects.select_related("parent").filter(pk=occupation_id).first()
    if occupation is None:
        raise NotFoundError("职业不存在。")
    official = list(
        MajorOccupationLink.objects.filter(occupation=occupation, is_active=True)
        .select_related("major")
        .order_by("major__level", "major__code")
    )
    platform = list(
        _live(MajorLink.objects.filter(occupation=occupation))
        .select_related("major")
        .order_by("-confidence", "major__code")
    )
    industries = list(
        _live(IndustryLink.objects.filter(occupation=occupation))
        .select_related("industry")
        .order_by("-confidence", "industry__code")
    )
    return OccupationCrosswalk(
        occupation=occupation, official=official, platform=platform, industries=industries
    )


def crosswalk_search(*, q: str, kind: str, page: int) -> Page:
    """Page through majors or 细类 occupations whose code or name contains ``q``."""
    q = (q or "").strip()
    if kind == "occupation":
        rows: QuerySet = Occupation.objects.filter(
            is_active=True, level=Occupation.Level.OCCUPATION
        )
        if q:
            rows = rows.filter(
                Q(code__startswith=q) | Q(name__icontains=q) | Q(aliases__icontains=q)
            )
    else:
        rows = Major.objects.filter(is_active=True).select_related("major_class")
        if q:
            rows = rows.filter(Q(code__startswith=q) | Q(name__icontains=q))
    return Paginator(rows.order_by("code"), PAGE_SIZE).get_page(page)


def inferred_links_pending(*, page: int) -> Page:
    """Page through inferred links awaiting staff review, weakest first."""
    rows = MajorLink.objects.filter(
        evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    ).select_related("major", "occupation")
    return Paginator(rows.order_by("confidence", "major__code"), PAGE_SIZE).get_page(page)


def inferred_industry_links_pending(*, page: int) -> Page:
    """Page through inferred occupation → industry links awaiting review, weakest first."""
    rows = IndustryLink.objects.filter(
        evidence=LinkEvidence.INFERRED, status=LinkStatus.PROPOSED
    ).select_related("occupation", "industry")
    return Paginator(rows.order_by("confidence", "occupation__code"), PAGE_SIZE).get_page(page)
