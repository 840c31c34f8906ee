"""POST-only actions on items: workflow steps, reports, personal data, consents.

Each calls one service, reports the outcome as a message and redirects back (CSRF-protected,
sign-in required). A refusal from the service is shown as an error message, never a crash.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.listings import services
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ListingStatus, ProfileConsent
from chanjiao.listings.page_data import detail_context
from chanjiao.listings.selectors import listing_get_for_user
from chanjiao.listings.views import listing_get_or_404
from chanjiao.organizations.selectors import organization_get_for_user


def _redirect_back(request: HttpRequest, fallback: Any) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _approved_message(listing: Listing) -> str:
    if listing.status == ListingStatus.APPROVED:
        return f"已审核通过，将于 {listing.valid_from:%Y-%m-%d} 自动发布。"
    return "已审核通过并发布。"


TRANSITIONS: dict[str, tuple[Callable[..., Listing], bool, Callable[[Listing], str]]] = {
    "submit": (
        services.listing_submit,
        False,
        lambda listing: "已提交审核，请等待所在地区的审核员审核。",
    ),
    "approve": (services.listing_approve, False, _approved_message),
    "reject": (services.listing_reject, True, lambda listing: "已驳回，发布方将看到驳回原因。"),
    "close": (services.listing_close, True, lambda listing: "信息已关闭，不再对外展示。"),
}


@login_required
@require_POST
def listing_transition_view(
    request: HttpRequest, kind: str, listing_id: int, action: str
) -> HttpResponse:
    """Submit, approve, reject (with a reason) or close an item."""
    listing = listing_get_or_404(request.user, kind, listing_id)
    service, with_reason, done = TRANSITIONS[action]
    kwargs: dict[str, Any] = {"actor": acting_user(request), "listing": listing}
    if with_reason:
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        listing = service(**kwargs)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done(listing))
    return _redirect_back(request, listing)


@login_required
@require_POST
def listing_report_view(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    """Report an item; it leaves the public pages until a reviewer decides."""
    listing = listing_get_or_404(request.user, kind, listing_id)
    try:
        services.listing_report(
            actor=acting_user(request),
            listing=listing,
            reason=request.POST.get("reason", ""),
            detail=request.POST.get("detail", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(listing)
    messages.success(request, "已收到您的举报。该信息已暂停展示，等待审核员核实处理。")
    return redirect("listings:list", kind=listing.kind)


@login_required
@require_POST
def listing_personal_data_view(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    """Show an item's full personal data to a viewer with the right; each access is logged."""
    listing = listing_get_or_404(request.user, kind, listing_id)
    try:
        data = services.listing_personal_data_get(viewer=request.user, listing=listing)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(listing)
    context = detail_context(request, listing, personal_data=data)
    response = render(request, "listings/detail.html", context)
    add_never_cache_headers(response)
    return response


def _consent_target(request: HttpRequest) -> dict[str, Any]:
    application_for = request.POST.get("application_for") or ""
    organization = request.POST.get("organization") or ""
    if application_for.isdigit():
        post = listing_get_for_user(user=request.user, listing_id=int(application_for))
        return {"application_for": post}
    if organization.isdigit():
        return {
            "organization": organization_get_for_user(
                user=request.user, organization_id=int(organization)
            )
        }
    return {}


@login_required
@require_POST
def profile_consent_grant_view(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    """Let one organisation (or the publisher of a post applied for) see the person's profile."""
    if kind != ListingKind.JOBSEEKER:
        raise Http404("只有个人求职档案可以授权。")
    profile = listing_get_or_404(request.user, kind, listing_id)
    try:
        consent = services.profile_consent_grant(
            actor=acting_user(request), profile=profile, **_consent_target(request)
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"已授权“{consent.organization.name}”查看您的求职档案（含姓名、联系方式和简历）。"
            "您可随时在档案页撤回授权。",
        )
    return _redirect_back(request, profile)


@login_required
@require_POST
def profile_consent_withdraw_view(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Withdraw one of the user's consents; the organisation sees only the summary again."""
    consent = (
        ProfileConsent.objects.select_related("profile", "organization")
        .filter(pk=consent_id, profile__author=acting_user(request))
        .first()
    )
    if consent is None:
        raise Http404("授权记录不存在。")
    services.profile_consent_withdraw(actor=acting_user(request), consent=consent)
    messages.success(request, f"已撤回对“{consent.organization.name}”的授权。")
    return _redirect_back(request, consent.profile)
