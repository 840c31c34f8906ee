"""Reviewers and platform staff correct a post's occupation; the correction becomes a label."""

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Occupation
from chanjiao.common.exceptions import ApplicationError
from chanjiao.crosswalk.classifier import occupation_classify
from chanjiao.crosswalk.models import TitleLabel, TitleLabelSource
from chanjiao.crosswalk.permissions import user_can_curate
from chanjiao.crosswalk.services.enrichment import listing_enrich
from chanjiao.listings.hooks import listings_changed
from chanjiao.listings.models import Listing, OccupationSource
from chanjiao.listings.permissions import user_can_review_listing

ACTION = "crosswalk.listing_occupation_correct"


def user_can_correct_occupation(user: User | AnonymousUser, listing: Listing) -> bool:
    """Platform staff, and the reviewers of the post, may correct its occupation."""
    return user_can_curate(user) or user_can_review_listing(user, listing)


def listing_occupation_correct(
    *, actor: User | AnonymousUser, listing: Listing, occupation: Occupation
) -> TitleLabel:
    """Set a post's occupation as a reviewer or staff member; record the label and audit it."""
    if not actor.is_authenticated or not user_can_correct_occupation(actor, listing):
        audit_refusal(
            actor=actor,
            action=ACTION,
            target=listing,
            message="只有平台工作人员或该信息的审核人员可以校订职业。",
        )
    if occupation.level != Occupation.Level.OCCUPATION or not occupation.is_active:
        raise ApplicationError(f"职业：{occupation.code} 不是现行的细类职业，请选择细类。")
    with transaction.atomic():
        return _correct(actor, listing, occupation)


def _correct(actor: User, listing: Listing, occupation: Occupation) -> TitleLabel:
    before = {
        "occupation": listing.occupation.code if listing.occupation else None,
        "occupation_source": listing.occupation_source,
    }
    guess = occupation_classify(listing.title, listing.description)
    source = TitleLabelSource.STAFF if user_can_curate(actor) else TitleLabelSource.REVIEWER
    # update(): a correction is not an edit of the post (no new version); the readers of the
    # occupation are told below.
    Listing.objects.filter(pk=listing.pk).update(
        occupation=occupation,
        occupation_source=OccupationSource.CONFIRMED,
        occupation_confidence=1.0,
    )
    listing.refresh_from_db()
    label, _ = TitleLabel.objects.update_or_create(
        listing=listing,
        source=source,
        defaults={
            "title": listing.title[:200],
            "description": listing.description,
            "occupation": occupation,
            "labelled_by": actor,
            "guessed_occupation_id": guess.occupation_id,
        },
    )
    listing_enrich(listing)
    if before["occupation"] != occupation.code:
        # Search and the recommendation lists read the post's occupation; nothing to classify.
        listings_changed([listing.pk], classify_now=False)
    audit_event_record(
        actor=actor,
        action=ACTION,
        target=listing,
        changes={
            "before": before,
            "after": {"occupation": occupation.code, "occupation_source": "confirmed"},
            "label_source": source,
        },
    )
    return label
