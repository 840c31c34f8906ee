"""The box on a job or internship post's detail page: apply, my application, or the inbox link."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from chanjiao.applications.models import ApplicationState
from chanjiao.applications.permissions import APPLICABLE_KINDS
from chanjiao.applications.selectors import application_for_listing, listing_application_counts
from chanjiao.listings.models import Listing
from chanjiao.organizations.permissions import user_can_act_for_organization


def listing_panel(request: HttpRequest, listing: Listing) -> SafeString | str:
    """Return the box for this viewer, or "" when there is nothing for them to do here."""
    organization = listing.organization
    if listing.kind not in APPLICABLE_KINDS or organization is None:
        return ""
    user = request.user
    context: dict[str, object] = {"listing": listing}
    if user.is_authenticated and user_can_act_for_organization(user, organization):
        total, new = listing_application_counts(listing)
        context.update(members_view=True, total=total, new=new)
        return render_to_string("applications/_listing_panel.html", context, request=request)
    application = application_for_listing(user, listing)
    if application is not None and application.state != ApplicationState.WITHDRAWN:
        context["application"] = application
        return render_to_string("applications/_listing_panel.html", context, request=request)
    if not listing.is_live:
        return ""
    if not user.is_authenticated:
        context.update(anonymous=True, next=request.get_full_path())
        return render_to_string("applications/_listing_panel.html", context, request=request)
    apply_url = reverse("applications:apply", args=[listing.pk])
    event = request.GET.get("event", "")
    if event.isdigit():
        apply_url += "?" + urlencode({"event": event})
    context["apply_url"] = apply_url
    return render_to_string("applications/_listing_panel.html", context, request=request)
