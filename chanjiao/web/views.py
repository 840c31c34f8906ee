"""Server-rendered pages: home per role, login, and the organisation directory."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from chanjiao.accounts.lockout import lockout_notice
from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships, governed_region_codes
from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.listings.kinds import KINDS, ListingKind
from chanjiao.listings.models import Listing
from chanjiao.localities.choice import (
    COOKIE,
    COOKIE_MAX_AGE,
    locality_chosen,
    request_localities,
)
from chanjiao.organizations.models import (
    SCHOOL_TYPES,
    Organization,
    OrganizationType,
    VerificationStatus,
)
from chanjiao.organizations.permissions import user_can_administer_organization
from chanjiao.organizations.selectors import (
    organization_get_for_user,
    organization_list,
    organization_type_counts,
)
from chanjiao.organizations.services import organization_verify
from chanjiao.organizations.workflow import ORGANIZATION_VERIFICATION
from chanjiao.web.context import (
    request_pending_claims,
    request_pending_verifications,
    request_review_counts,
    request_unread_count,
)
from chanjiao.web.navigation import Persona, user_personas
from chanjiao.web.workbench import (
    EVENT_KINDS,
    latest_listings,
    latest_posts,
    organization_posts,
    recent_count,
    student_recommendations,
    workbench_tasks,
)
from chanjiao.workflow.selectors import transition_actions_available


class PlatformLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["lockout_notice"] = lockout_notice()
        return context


class PlatformLogoutView(auth_views.LogoutView):
    pass


def _role_sections(user: User | AnonymousUser) -> list[dict[str, Any]]:
    sections = []
    for membership in active_memberships(user):
        org = membership.organization
        section: dict[str, Any] = {"membership": membership, "organization": org}
        if membership.role == Role.GOV_ADMIN:
            codes = governed_region_codes(user)
            section["governed"] = Region.objects.filter(code__in=codes)
        sections.append(section)
    return sections


def home(request: HttpRequest) -> HttpResponse:
    """A search-first home for visitors; the workbench (工作台) of a signed-in user."""
    user = request.user
    locality = locality_chosen(request)
    context: dict[str, Any] = {
        "locality": locality,
        "kinds": [(key, spec.label) for key, spec in KINDS.items() if key != ListingKind.JOBSEEKER],
        "latest_posts": latest_posts(user, locality),
        "latest_events": latest_listings(locality, EVENT_KINDS, limit=5),
        "recent_count": recent_count(locality),
    }
    if user.is_authenticated:
        personas = user_personas(user)
        context["tasks"] = workbench_tasks(
            user,
            personas,
            review_counts=request_review_counts(request),
            unread=request_unread_count(request),
            verifications=request_pending_verifications(request),
            claims=request_pending_claims(request),
        )
        context["sections"] = _role_sections(user)
        context["student_profile"] = getattr(user, "student_profile", None)
        if Persona.STUDENT in personas:
            context["recommended"] = student_recommendations(user)
        return render(request, "web/workbench.html", context)
    type_counts = organization_type_counts()
    context["org_total"] = sum(type_counts.values())
    context["schools"] = sum(type_counts.get(t, 0) for t in SCHOOL_TYPES)
    context["enterprises"] = type_counts.get(OrganizationType.ENTERPRISE, 0)
    context["live_total"] = Listing.objects.public().count()
    return render(request, "web/home.html", context)


def choose_locality(request: HttpRequest) -> HttpResponse:
    """The locality switcher: remember the chosen region code in a cookie and go back."""
    code = (request.GET.get("code") or request.POST.get("code") or "").strip()
    target = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    known = {loc.region.code: loc for loc in request_localities(request)}
    if code in known:
        response.set_cookie(
            COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure()
        )
        messages.info(request, f"已切换到{known[code].name}。")
    elif code:
        messages.error(request, "没有这个地区，请从列表中选择。")
    else:
        response.delete_cookie(COOKIE)
        messages.info(request, "已切换到全部地区。")
    return response


def organization_list_page(request: HttpRequest) -> HttpResponse:
    """The organisation directory with filters, sorting and pages."""
    qs = organization_list(
        fetched_by=request.user,
        org_type=request.GET.get("type") or None,
        verification=request.GET.get("verification") or None,
        region_code=request.GET.get("region") or None,
        query=request.GET.get("q") or None,
        ordering=request.GET.get("sort") or "name",
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "web/organization_list.html",
        {
            "page_obj": page,
            "org_types": OrganizationType.choices,
            "verification_choices": VerificationStatus.choices,
            "querystring_without_page": querystring_without_page(request),
        },
    )


def organization_detail_page(request: HttpRequest, organization_id: int) -> HttpResponse:
    """One organisation's public profile, with its majors if it is a school.

    A reviewer of its region (or staff) also sees the verification steps they may take now, and
    takes them here (POST ``action=verify|revoke``).
    """
    organization = organization_get_for_user(user=request.user, organization_id=organization_id)
    if request.method == "POST":
        return _organization_verification(request, organization)
    school_majors = list(
        organization.school_majors.select_related("major").order_by("-year", "major__code")[:300]
    )
    latest_year = school_majors[0].year if school_majors else None
    available = transition_actions_available(
        workflow=ORGANIZATION_VERIFICATION, obj=organization, actor=request.user
    )
    # Verify and revoke are taken here; returning a registration (with a reason) and the
    # organisation's own resubmission have their pages (``organizations:verification-queue``).
    actions = [a for a in available if a["name"] in VERIFICATION_DONE]
    return render(
        request,
        "web/organization_detail.html",
        {
            "organization": organization,
            "latest_year": latest_year,
            "latest_majors": [sm for sm in school_majors if sm.year == latest_year],
            "earlier_majors": [sm for sm in school_majors if sm.year != latest_year],
            "posts": organization_posts(request.user, organization),
            "verification_actions": actions,
            "can_return": any(a["name"] == "return" for a in available),
            "can_administer": user_can_administer_organization(request.user, organization),
        },
    )


VERIFICATION_DONE = {"verify": "已认证该机构。", "revoke": "已撤销该机构的认证。"}


def _organization_verification(request: HttpRequest, organization: Organization) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in VERIFICATION_DONE:
        messages.error(request, "请选择“认证”或“撤销认证”。")
    else:
        try:
            organization_verify(
                actor=acting_user(request),
                organization=organization,
                is_verified=action == "verify",
            )
            messages.success(request, VERIFICATION_DONE[action])
        except ApplicationError as error:
            if error.status_code == 403:
                raise
            messages.error(request, error.message)
    return redirect("web:organization-detail", organization_id=organization.pk)
