"""为我推荐 pages: the subject menu, one subject's list, 'not relevant' and the opt-out switch."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from chanjiao.applications.permissions import APPLICABLE_KINDS, organization_ids_user_acts_for
from chanjiao.common.users import acting_user
from chanjiao.contact_requests.panels import new_request_url
from chanjiao.contact_requests.permissions import user_can_request_contact
from chanjiao.listings.cards import post_cards
from chanjiao.listings.kinds import ListingKind
from chanjiao.organizations.models import SCHOOL_TYPES
from chanjiao.recommendations import selectors, services
from chanjiao.recommendations.menu import subject_links_for_user


def _contact_url(item: selectors.RecommendedItem) -> str:
    """Ask the school for the graduates a recommended school major or 毕业生资源 item offers."""
    if item.school_id is not None:
        return new_request_url(school_id=item.school_id, major_id=item.major_id)
    listing = item.listing
    if listing is None or listing.kind != ListingKind.GRADUATES or listing.organization is None:
        return ""
    if listing.organization.org_type not in SCHOOL_TYPES:
        return ""
    majors = sorted(listing.majors.all(), key=lambda major: major.pk)  # prefetched
    year = str((listing.details or {}).get("graduation_year") or "")
    return new_request_url(
        school_id=listing.organization.pk,
        major_id=majors[0].pk if majors else None,
        year=int(year) if year.isdigit() else None,
        listing_id=listing.pk,
    )


def _render(request: HttpRequest, ref: selectors.SubjectRef) -> HttpResponse:
    user = acting_user(request)
    page = selectors.recommendation_page(user=user, ref=ref)
    posts = [item.listing for item in page.items if item.listing is not None]
    cards = {card.pk: card for card in post_cards(user, posts)}
    may_contact = user_can_request_contact(user)
    own = organization_ids_user_acts_for(user)
    entries = [
        {
            "item": item,
            "card": cards.get(item.listing.pk) if item.listing else None,
            "contact_url": _contact_url(item) if may_contact else "",
            # A recommended job or internship of another organisation: apply from here.
            "apply_url": reverse("applications:apply", args=[item.listing.pk])
            if item.listing is not None
            and item.listing.kind in APPLICABLE_KINDS
            and item.listing.organization_id not in own
            else "",
        }
        for item in page.items
    ]
    return render(request, "recommendations/list.html", {"page": page, "entries": entries})


@login_required
def recommendation_index_page(request: HttpRequest) -> HttpResponse:
    context = {
        "links": subject_links_for_user(acting_user(request)),
        "is_personalised": selectors.user_is_personalised(acting_user(request)),
    }
    return render(request, "recommendations/index.html", context)


@login_required
def my_recommendations_page(request: HttpRequest) -> HttpResponse:
    return _render(request, selectors.student_subject_for_user(user=acting_user(request)))


@login_required
def listing_recommendations_page(request: HttpRequest, listing_id: int) -> HttpResponse:
    return _render(
        request,
        selectors.listing_subject_for_user(user=acting_user(request), listing_id=listing_id),
    )


@login_required
def cohort_recommendations_page(
    request: HttpRequest, school_id: int, major_id: int, year: int
) -> HttpResponse:
    ref = selectors.cohort_subject_for_user(
        user=acting_user(request), school_id=school_id, major_id=major_id, year=year
    )
    return _render(request, ref)


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "recommendations:index"
    return redirect(target)


@login_required
@require_POST
def dismiss_action(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    row = selectors.recommendation_get_for_user(
        user=acting_user(request), recommendation_id=recommendation_id
    )
    services.recommendation_feedback_record(user=acting_user(request), recommendation=row)
    return _back(request)


@login_required
@require_POST
def preference_action(request: HttpRequest) -> HttpResponse:
    services.recommendation_preference_set(
        user=acting_user(request), is_personalised=request.POST.get("is_personalised") == "on"
    )
    return _back(request)
