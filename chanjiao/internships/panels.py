"""The box on an internship post's detail page: a school's members place students from it."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from chanjiao.internships.page_data import acting_schools
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing


def listing_panel(request: HttpRequest, listing: Listing) -> SafeString | str:
    """Return the "安排学生实习" box for a school's 机构管理员 / 信息员 on a live post."""
    if listing.kind != ListingKind.INTERNSHIP or listing.organization is None:
        return ""
    if not listing.is_live or not request.user.is_authenticated:
        return ""
    if not acting_schools(request.user):
        return ""
    return render_to_string(
        "internships/_listing_panel.html", {"listing": listing}, request=request
    )
