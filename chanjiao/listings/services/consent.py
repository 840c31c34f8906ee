"""A person's separate consent to show their profile's personal data to an organisation."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.hooks import profile_consents_changed
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ProfileConsent
from chanjiao.listings.permissions import user_can_see_personal_data
from chanjiao.organizations.models import Organization


def profile_consent_grant(
    *,
    actor: User,
    profile: Listing,
    organization: Organization | None = None,
    application_for: Listing | None = None,
) -> ProfileConsent:
    """Let one organisation (or the publisher of the post applied for) see the person's data."""
    if profile.kind != ListingKind.JOBSEEKER or profile.author_id != actor.pk:
        raise PermissionDeniedError("只能由本人对自己的求职档案授权。")
    if application_for is not None:
        organization = application_for.organization
    if organization is None:
        raise ApplicationError("请选择授权的单位。", extra={"fields": {"organization": ["必填。"]}})
    with transaction.atomic():
        consent, created = ProfileConsent.objects.get_or_create(
            profile=profile,
            organization=organization,
            withdrawn_at__isnull=True,
            defaults={"application_for": application_for},
        )
        if created:
            audit_event_record(
                actor=actor,
                action="profile_consent.grant",
                target=profile,
                changes={"organization": [None, organization.pk]},
            )
            profile_consents_changed([profile.pk])
    return consent


def profile_consent_withdraw(*, actor: User, consent: ProfileConsent) -> ProfileConsent:
    """Withdraw a consent; the organisation sees only the non-personal summary from now on."""
    if consent.profile.author_id != actor.pk:
        raise PermissionDeniedError("只能由本人撤回授权。")
    if consent.withdrawn_at is None:
        with transaction.atomic():
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at", "updated_at"])
            audit_event_record(
                actor=actor,
                action="profile_consent.withdraw",
                target=consent.profile,
                changes={"organization": [consent.organization_id, None]},
            )
            profile_consents_changed([consent.profile_id])
    return consent


def listing_personal_data_get(*, viewer: User | AnonymousUser, listing: Listing) -> dict[str, Any]:
    """Return an item's personal fields to a viewer with the right; every access is logged."""
    if not user_can_see_personal_data(viewer, listing):
        audit_refusal(
            actor=viewer if isinstance(viewer, User) else None,
            action="personal_data.view",
            target=listing,
            message="您无权查看该信息的个人信息（需本人授权）。",
        )
    data = {"contact_name": listing.contact_name, "contact_phone": listing.contact_phone}
    if listing.kind == ListingKind.JOBSEEKER:
        author = listing.author
        data.update(
            {
                "real_name": author.real_name,
                "phone": author.phone,
                "email": author.email,
                "resume": listing.details.get("resume") or "",
            }
        )
    audit_event_record(
        actor=viewer, action="personal_data.view", target=listing, changes={"fields": sorted(data)}
    )
    return data
