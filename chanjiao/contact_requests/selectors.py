"""Reads: requests an organisation sent, requests a school received (per major and year).

Every read is scoped by the acting user: a request is visible only to the 机构管理员 and 信息员 of
its two organisations (``permissions.user_can_see_request``).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import NotFoundError
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.permissions import (
    answering_schools,
    sending_organization_ids,
    user_can_see_request,
)
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import (
    Organization,
    OrganizationQuerySet,
    SchoolMajor,
    VerificationStatus,
)

NOT_FOUND = "未找到该联系请求，或您无权查看。"
# What the lists show (the two organisations, the major); one request shows its source item too.
RELATED = ("enterprise", "school", "major")


def contact_request_sent_list(
    *, fetched_by: User | AnonymousUser, state: str = ""
) -> QuerySet[ContactRequest]:
    """Return the requests the user's organisations sent, newest first."""
    requests = ContactRequest.objects.filter(enterprise_id__in=sending_organization_ids(fetched_by))
    if state:
        requests = requests.filter(state=state)
    return requests.select_related(*RELATED).order_by("-created_at", "-pk")


def contact_request_received_list(
    *,
    fetched_by: User | AnonymousUser,
    school_id: int | None = None,
    state: str = "",
    major_id: int | None = None,
    graduation_year: int | None = None,
) -> QuerySet[ContactRequest]:
    """Return the requests the user's schools received, pending first, then newest first."""
    school_ids = [school.pk for school in answering_schools(fetched_by)]
    if school_id is not None:
        school_ids = [pk for pk in school_ids if pk == school_id]
    requests = ContactRequest.objects.filter(school_id__in=school_ids)
    if state:
        requests = requests.filter(state=state)
    if major_id is not None:
        requests = requests.filter(major_id=major_id)
    if graduation_year is not None:
        requests = requests.filter(graduation_year=graduation_year)
    return requests.select_related(*RELATED).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class CohortRequests:
    """How many requests one school received for one major and year, by state."""

    school_id: int
    major: Major
    graduation_year: int
    pending: int
    accepted: int
    declined: int
    withdrawn: int

    @property
    def total(self) -> int:
        return self.pending + self.accepted + self.declined + self.withdrawn


def contact_request_cohorts(
    *, fetched_by: User | AnonymousUser, school_id: int | None = None
) -> list[CohortRequests]:
    """Return the user's schools' requests counted per major and year (newest year first)."""
    requests = contact_request_received_list(fetched_by=fetched_by, school_id=school_id)
    S = ContactRequestState
    rows = list(
        requests.order_by()
        .values("school_id", "major_id", "graduation_year")
        .annotate(
            pending=Count("pk", filter=Q(state=S.PENDING)),
            accepted=Count("pk", filter=Q(state=S.ACCEPTED)),
            declined=Count("pk", filter=Q(state=S.DECLINED)),
            withdrawn=Count("pk", filter=Q(state=S.WITHDRAWN)),
        )
    )
    majors = Major.objects.in_bulk({row["major_id"] for row in rows})
    cohorts = [
        CohortRequests(
            school_id=row["school_id"],
            major=majors[row["major_id"]],
            graduation_year=row["graduation_year"],
            pending=row["pending"],
            accepted=row["accepted"],
            declined=row["declined"],
            withdrawn=row["withdrawn"],
        )
        for row in rows
    ]
    return sorted(cohorts, key=lambda c: (-c.pending, -c.graduation_year, c.major.name))


def contact_requests_pending_count(user: User | AnonymousUser, school_id: int | None = None) -> int:
    """Return how many requests wait on the user's schools (or on one of them)."""
    return contact_request_received_list(
        fetched_by=user, school_id=school_id, state=ContactRequestState.PENDING
    ).count()


def contact_request_get_for_user(*, user: User | AnonymousUser, request_id: int) -> ContactRequest:
    """Return the request if the user may see it; raise ``NotFoundError`` otherwise (never 403)."""
    request = (
        ContactRequest.objects.select_related(*RELATED, "source_listing")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not user_can_see_request(user, request):
        raise NotFoundError(NOT_FOUND)
    return request


def contact_request_for_cohort(
    *, user: User | AnonymousUser, school_id: int, major_id: int, graduation_year: int
) -> ContactRequest | None:
    """Return the latest request of the user's organisations for this cohort, else None."""
    return (
        ContactRequest.objects.filter(
            enterprise_id__in=sending_organization_ids(user),
            school_id=school_id,
            major_id=major_id,
            graduation_year=graduation_year,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def listing_cohort(listing: Listing) -> tuple[Major | None, int | None]:
    """Return the major and graduation year a 毕业生资源 item offers (either may be missing)."""
    major = listing.majors.order_by("pk").first()
    year = (listing.details or {}).get("graduation_year")
    try:
        return major, int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        return major, None


def verified_schools() -> OrganizationQuerySet:
    """Return the schools a request may go to (verified), by name, with their regions."""
    return (
        Organization.objects.schools()
        .filter(verification_status=VerificationStatus.VERIFIED)
        .select_related("region")
        .order_by("name", "pk")
    )


def schools_offering_major(
    *, major: Major, region_code: str = "", limit: int = 20
) -> list[Organization]:
    """Return verified schools that list this major (in the region, if given), by name."""
    schools = verified_schools().filter(
        pk__in=SchoolMajor.objects.filter(major=major).values("school_id")
    )
    if region_code:
        schools = schools.in_region_code(region_code)
    return list(schools[:limit])
