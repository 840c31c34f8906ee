"""The subjects a user may ask recommendations for, as links for the 为我推荐 page."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import governed_region_codes, user_organization_ids
from chanjiao.catalogs.models import Major
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, live_condition
from chanjiao.organizations.models import SCHOOL_TYPES, Organization
from chanjiao.recommendations.groups import GROUPS, group_for_listing
from chanjiao.students.models import StudentProfile

MAX_LINKS = 100


@dataclass(frozen=True)
class SubjectLink:
    title: str
    group_label: str
    url: str


def _listing_links(user: User) -> list[SubjectLink]:
    mine = Q(organization_id__in=user_organization_ids(user)) | Q(
        author=user, kind=ListingKind.JOBSEEKER
    )
    links = []
    for item in Listing.objects.filter(live_condition()).filter(mine)[:MAX_LINKS]:
        group = group_for_listing(item.kind, item.direction)
        if group is not None:
            url = reverse("recommendations:listing", kwargs={"listing_id": item.pk})
            links.append(
                SubjectLink(f"{item.get_kind_display()}：{item.title}", GROUPS[group].label, url)
            )
    return links


def _cohort_links(user: User) -> list[SubjectLink]:
    school_ids = set(
        Organization.objects.filter(
            pk__in=user_organization_ids(user), org_type__in=SCHOOL_TYPES
        ).values_list("pk", flat=True)
    )
    for code in governed_region_codes(user):
        school_ids |= set(
            Organization.objects.schools()
            .filter(region__code__startswith=code)
            .values_list("pk", flat=True)
        )
    cohorts = sorted(
        set(
            StudentProfile.objects.filter(school_id__in=school_ids)
            .values_list("school_id", "major_id", "graduation_year")
            .distinct()
        )
    )[:MAX_LINKS]
    schools = Organization.objects.in_bulk({c[0] for c in cohorts})
    majors = Major.objects.in_bulk({c[1] for c in cohorts})
    return [
        SubjectLink(
            f"{schools[s].name} {majors[m].name}（{majors[m].code}）{y}届毕业生",
            GROUPS["posts"].label,
            reverse("recommendations:cohort", kwargs={"school_id": s, "major_id": m, "year": y}),
        )
        for s, m, y in cohorts
    ]


def subject_links_for_user(user: User) -> list[SubjectLink]:
    """Return the items and cohorts the user may open recommendations for."""
    links = []
    if StudentProfile.objects.filter(user=user).exists():
        links.append(
            SubjectLink("我的学生/毕业生档案", GROUPS["posts"].label, reverse("recommendations:me"))
        )
    return links + _listing_links(user) + _cohort_links(user)
