"""Who may write, review and see which supply and demand items."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    reviewed_region_codes,
    user_organization_ids,
    user_reviews_region_code,
)
from chanjiao.listings.kinds import KindSpec, ListingKind
from chanjiao.listings.models import (
    Listing,
    ListingQuerySet,
    ListingStatus,
    ProfileConsent,
    live_condition,
)
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization


def user_is_reviewer(user: User | AnonymousUser) -> bool:
    """Tell whether the user reviews items somewhere."""
    return is_platform_staff(user) or bool(reviewed_region_codes(user))


def user_can_review_listing(user: User | AnonymousUser, listing: Listing) -> bool:
    """Staff, or a reviewer of the publisher's locality, who is not the item's author."""
    if not user.is_authenticated:
        return False
    if listing.author_id == user.pk:
        return False
    if is_platform_staff(user):
        return True
    return user_reviews_region_code(user, listing.review_region_code)


def user_can_publish_for(
    user: User | AnonymousUser, spec: KindSpec, organization: Organization | None
) -> bool:
    """Tell whether the user may write items of this kind in this organisation's name."""
    if spec.is_personal:
        return organization is None and user.is_authenticated
    if organization is None or organization.org_type not in spec.org_types:
        return False
    return user_can_act_for_organization(user, organization)


def user_can_edit_listing(user: User | AnonymousUser, listing: Listing) -> bool:
    """The author of a personal profile, or anyone who may act for the publishing organisation."""
    if not user.is_authenticated:
        return False
    if listing.spec.is_personal:
        return bool(listing.author_id == user.pk)
    return listing.organization is not None and user_can_act_for_organization(
        user, listing.organization
    )


def listings_visible_to(user: User | AnonymousUser) -> ListingQuerySet:
    """Return the items a user may see: public ones, plus their own, plus those they review."""
    qs = Listing.objects.all()
    if is_platform_staff(user):
        return qs
    condition = live_condition() & ~Q(kind=ListingKind.JOBSEEKER)
    if user.is_authenticated:
        condition |= Q(author=user)
        org_ids = user_organization_ids(user)
        if org_ids:
            condition |= Q(organization_id__in=org_ids)
            # Published personal profiles show their non-personal summary to organisations.
            condition |= live_condition() & Q(kind=ListingKind.JOBSEEKER)
        for code in reviewed_region_codes(user):
            condition |= Q(organization__region__code__startswith=code) & ~Q(
                status=ListingStatus.DRAFT
            )
            condition |= Q(organization__isnull=True, region__code__startswith=code) & ~Q(
                status=ListingStatus.DRAFT
            )
    return qs.filter(condition)


def user_can_see_personal_data(user: User | AnonymousUser, listing: Listing) -> bool:
    """The person, holders of the personal-data right, or members of a consented organisation."""
    if not user.is_authenticated:
        return False
    if listing.author_id == user.pk:
        return True
    if user.has_perm("accounts.view_personal_data"):
        return True
    org_ids = user_organization_ids(user)
    if not listing.spec.is_personal:
        return bool(listing.organization_id in org_ids)
    return ProfileConsent.objects.filter(
        profile=listing, organization_id__in=org_ids, withdrawn_at__isnull=True
    ).exists()


def user_can_report(user: User | AnonymousUser, listing: Listing) -> bool:
    """Anyone signed in may report a published item that is not their own."""
    return bool(user.is_authenticated and listing.author_id != user.pk)
