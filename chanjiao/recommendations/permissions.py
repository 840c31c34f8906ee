"""Who may read which subject's recommendations."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import is_platform_staff, user_governs_region_code
from chanjiao.listings.models import Listing
from chanjiao.listings.permissions import user_can_edit_listing
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization


def user_can_view_listing_recommendations(user: User | AnonymousUser, listing: Listing) -> bool:
    """The person for a personal profile; members of the publishing organisation otherwise."""
    return user_can_edit_listing(user, listing)


def user_can_view_cohort_recommendations(user: User | AnonymousUser, school: Organization) -> bool:
    """Members of the school, and 政府管理员 whose region contains the school."""
    if not user.is_authenticated:
        return False
    if is_platform_staff(user):
        return True
    if user_can_act_for_organization(user, school):
        return True
    return user_governs_region_code(user, school.region.code)
