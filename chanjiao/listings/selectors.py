"""Reads of supply and demand items, always scoped by the acting user."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    reviewed_region_codes,
    user_organization_ids,
)
from chanjiao.common.exceptions import NotFoundError
from chanjiao.listings.models import Listing, ListingQuerySet, ListingStatus, live_condition
from chanjiao.listings.permissions import listings_visible_to

ORDERINGS = {
    "-published_at": ("-published_at", "-pk"),
    "published_at": ("published_at", "pk"),
    "-created_at": ("-created_at", "-pk"),
    "-updated_at": ("-updated_at", "-pk"),
    "-salary_max": ("-salary_max", "-pk"),
    "salary_min": ("salary_min", "pk"),
    "valid_until": ("valid_until", "pk"),
    "title": ("title", "pk"),
    "-quantity": ("-quantity", "-pk"),
}
ORDERING_LABELS = {
    "-published_at": "最新发布",
    "published_at": "最早发布",
    "-created_at": "最近创建",
    "-updated_at": "最近修改",
    "-salary_max": "薪酬从高到低",
    "salary_min": "薪酬从低到高",
    "valid_until": "即将截止",
    "title": "标题",
    "-quantity": "数量从多到少",
}


@dataclass(frozen=True)
class ListingFilters:
    kind: str | None = None
    direction: str | None = None
    status: str | None = None
    region: str | None = None
    industry: str | None = None
    occupation: str | None = None
    major: str | None = None
    education: str | None = None
    salary_at_least: int | None = None
    organization: int | None = None
    published_since: datetime.date | None = None
    q: str | None = None
    ordering: str = ""

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> "ListingFilters":
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names and v not in (None, "")})

    def as_query(self) -> dict[str, Any]:
        """Return the non-empty filters (for keeping them in a URL or a subscription)."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, "") and k != "ordering"}


def _industry_condition(code: str) -> Q:
    if code.isalpha():
        return Q(industry__section=code.upper())
    return Q(industry__code__startswith=code)


def listing_filter(qs: ListingQuerySet, filters: ListingFilters) -> ListingQuerySet:
    """Apply the shared filters (a region includes its sub-regions, an industry its children)."""
    f = filters
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.direction:
        qs = qs.filter(direction=f.direction)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.region:
        qs = qs.filter(region__code__startswith=f.region)
    if f.industry:
        qs = qs.filter(_industry_condition(f.industry))
    if f.occupation:
        qs = qs.filter(occupation__code__startswith=f.occupation)
    if f.major:
        # The only many-valued join: an item with two matching majors would come twice.
        qs = qs.filter(majors__code=f.major).distinct()
    if f.education:
        qs = qs.filter(education=f.education)
    if f.salary_at_least is not None:
        qs = qs.filter(salary_max__gte=f.salary_at_least)
    if f.organization:
        qs = qs.filter(organization_id=f.organization)
    if f.published_since:
        qs = qs.filter(published_at__date__gte=f.published_since)
    if f.q:
        for term in f.q.split()[:5]:
            qs = qs.filter(
                Q(title__icontains=term)
                | Q(description__icontains=term)
                | Q(skills__icontains=term)
            )
    return qs.order_by(*ORDERINGS.get(f.ordering or "-published_at", ORDERINGS["-published_at"]))


def _with_relations(qs: ListingQuerySet) -> ListingQuerySet:
    return qs.select_related(
        "organization",
        "organization__region",
        "region__parent__parent",  # a card names the place with its city and province
        "industry",
        "occupation",
        "author",
    ).prefetch_related("majors")


def listing_list(*, fetched_by: User | AnonymousUser, filters: ListingFilters) -> ListingQuerySet:
    """Return the items the user may see, filtered and sorted."""
    qs = listings_visible_to(fetched_by)
    if not filters.status and not is_platform_staff(fetched_by):
        qs = qs.filter(live_condition())
    return _with_relations(listing_filter(qs, filters))


def listing_list_for_organizations(
    *, fetched_by: User | AnonymousUser, filters: ListingFilters
) -> ListingQuerySet:
    """Return every item of the user's organisations and their own personal items, any status."""
    if not fetched_by.is_authenticated:
        return Listing.objects.none()
    org_ids = user_organization_ids(fetched_by)
    qs = Listing.objects.filter(Q(organization_id__in=org_ids) | Q(author=fetched_by))
    return _with_relations(listing_filter(qs, filters))


def review_queue(*, fetched_by: User, filters: ListingFilters) -> ListingQuerySet:
    """Return the submitted items the user may review (never their own)."""
    qs = _reviewable(fetched_by).filter(status=ListingStatus.SUBMITTED).exclude(author=fetched_by)
    # Unless another order is asked for: reported items first, then the longest waiting.
    ordering = filters.ordering if filters.ordering in ORDERINGS else "submitted_at"
    filters = ListingFilters(**{**filters.__dict__, "status": None, "ordering": ordering})
    qs = listing_filter(qs, filters)
    if ordering == "submitted_at":
        qs = qs.order_by("-open_report_count", "submitted_at", "pk")
    return _with_relations(qs)


def _reviewable(user: User | AnonymousUser) -> ListingQuerySet:
    if is_platform_staff(user):
        return Listing.objects.all()
    codes = reviewed_region_codes(user)
    if not codes:
        return Listing.objects.none()
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(organization__region__code__startswith=code)
        condition |= Q(organization__isnull=True, region__code__startswith=code)
    return Listing.objects.filter(condition)


def review_queue_counts(*, fetched_by: User) -> dict[str, int]:
    """Return the number of items waiting for this reviewer, per kind (and 'reported')."""
    qs = _reviewable(fetched_by).filter(status=ListingStatus.SUBMITTED).exclude(author=fetched_by)
    counts = {row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Count("pk")).order_by()}
    counts["reported"] = qs.filter(open_report_count__gt=0).count()
    counts["total"] = sum(v for k, v in counts.items() if k != "reported")
    return counts


def listing_get_for_user(
    *, user: User | AnonymousUser, listing_id: int, kind: str | None = None
) -> Listing:
    """Return one item the user may see, or raise NotFoundError."""
    qs = _with_relations(listings_visible_to(user))
    if kind:
        qs = qs.filter(kind=kind)
    listing = qs.filter(pk=listing_id).first()
    if listing is None:
        raise NotFoundError("信息不存在或您无权查看。")
    return listing


def listing_history(*, listing: Listing) -> list[Any]:
    """Return the item's history, oldest first."""
    return list(listing.events.select_related("actor").order_by("pk"))
