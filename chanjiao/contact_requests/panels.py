"""Boxes on other apps' pages: a 毕业生资源 item's "contact the school", a major's schools.

Registered in ``ContactRequestsConfig.ready()`` with the listings and catalogs hooks; each returns
"" when it has nothing for this viewer.
"""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from chanjiao.catalogs.models import Major
from chanjiao.contact_requests.permissions import user_can_request_contact
from chanjiao.contact_requests.selectors import (
    contact_request_for_cohort,
    contact_requests_pending_count,
    listing_cohort,
    schools_offering_major,
)
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.localities.choice import locality_chosen
from chanjiao.organizations.permissions import user_can_act_for_organization

TEMPLATE = "contact_requests/_panel.html"


def new_request_url(
    *,
    school_id: int,
    major_id: int | None = None,
    year: int | None = None,
    listing_id: int | None = None,
) -> str:
    """Return the new-request page's address, prefilled with what is known."""
    params: dict[str, int] = {"school": school_id}
    if major_id is not None:
        params["major"] = major_id
    if year is not None:
        params["year"] = year
    if listing_id is not None:
        params["listing"] = listing_id
    return f"{reverse('contact_requests:new')}?{urlencode(params)}"


def listing_panel(request: HttpRequest, listing: Listing) -> SafeString | str:
    """The "contact the school" box of a school's 毕业生资源 item."""
    school = listing.organization
    if listing.kind != ListingKind.GRADUATES or school is None or not school.is_school:
        return ""
    user = request.user
    context: dict[str, object] = {"panel": "listing", "school": school, "listing": listing}
    if not user.is_authenticated:
        context["login_url"] = f"{reverse('web:login')}?{urlencode({'next': request.path})}"
    elif user_can_act_for_organization(user, school):
        context["pending"] = contact_requests_pending_count(user, school_id=school.pk)
        context["is_school"] = True
    elif user_can_request_contact(user):
        major, year = listing_cohort(listing)
        context.update(major=major, year=year)
        context["new_url"] = new_request_url(
            school_id=school.pk,
            major_id=major.pk if major else None,
            year=year,
            listing_id=listing.pk,
        )
        if major is not None and year is not None:
            context["existing"] = contact_request_for_cohort(
                user=user, school_id=school.pk, major_id=major.pk, graduation_year=year
            )
    else:
        return ""
    return render_to_string(TEMPLATE, context, request=request)


def major_panel(request: HttpRequest, major: Major) -> SafeString | str:
    """The schools offering a major in the viewer's locality, each with a link to ask them."""
    if not user_can_request_contact(request.user):
        return ""
    locality = locality_chosen(request)
    schools = schools_offering_major(
        major=major, region_code=locality.region.code if locality else ""
    )
    context = {
        "panel": "major",
        "major": major,
        "locality": locality,
        "schools": [
            (school, new_request_url(school_id=school.pk, major_id=major.pk)) for school in schools
        ],
        "any_school_url": reverse("contact_requests:new"),
    }
    return render_to_string(TEMPLATE, context, request=request)
