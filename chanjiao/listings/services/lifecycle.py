"""The life of an item: draft → submitted → approved/rejected → published → closed/expired.

The transitions are declared in ``chanjiao.listings.workflow`` and taken with
``transition_apply``: checked, applied under a row lock (two reviewers approving at once: one
wins, the other is told the item was already handled), recorded in the item's history, in the
generic transition history and in the audit log.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError
from chanjiao.listings.history import listing_event_record
from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.permissions import (
    user_can_edit_listing,
    user_can_publish_for,
)
from chanjiao.listings.services.snapshot import listing_snapshot
from chanjiao.listings.workflow import EDITABLE_BY_AUTHOR, LISTING_WORKFLOW
from chanjiao.organizations.models import Organization
from chanjiao.workflow.services import transition_apply

S = ListingStatus


def _record(
    *, listing: Listing, actor: User, action: str, from_status: str, snapshot: bool = False
) -> None:
    """History, audit and announcement of a create or an edit (steps go through the workflow)."""
    listing_event_record(
        listing=listing,
        actor=actor,
        action=action,
        from_status=from_status,
        snapshot=listing_snapshot(listing) if snapshot else None,
    )
    changes = {"status": [from_status, listing.status]}
    audit_event_record(actor=actor, action=f"listing.{action}", target=listing, changes=changes)


def _apply_values(listing: Listing, values: dict[str, Any]) -> list[Any] | None:
    majors = values.pop("majors", None)
    for name, value in values.items():
        setattr(listing, name, value)
    return majors


def _employer_industry(spec: KindSpec, listing: Listing, organization: Organization | None) -> None:
    """A job's industry is its employer's; without one, what the occupation's guess implied."""
    if spec.industry_from_employer and organization is not None and organization.industry_id:
        listing.industry_id = organization.industry_id


def listing_create(
    *, actor: User, spec: KindSpec, organization: Organization | None, values: dict[str, Any]
) -> Listing:
    """Save a new item as a draft in the organisation's name (the person's own, for a profile)."""
    if not user_can_publish_for(actor, spec, organization):
        audit_refusal(
            actor=actor,
            action="listing.create",
            target=None,
            message=_publish_refusal(spec, organization),
        )
    values = dict(values)
    with transaction.atomic():
        listing = Listing(kind=spec.kind.value, organization=organization, author=actor)
        majors = _apply_values(listing, values)
        _employer_industry(spec, listing, organization)
        listing.full_clean(exclude=["majors"])
        listing.save()
        if majors:
            listing.majors.set(majors)
        _record(listing=listing, actor=actor, action="create", from_status="", snapshot=True)
    return listing


def _publish_refusal(spec: KindSpec, organization: Organization | None) -> str:
    if spec.is_personal:
        return "个人求职档案只能由本人以个人身份填写。"
    if organization is None:
        return "请选择发布机构。"
    if organization.org_type not in spec.org_types:
        return f"{organization.get_org_type_display()}不能发布“{spec.label}”信息。"
    return "您不是该机构的机构管理员或信息员，不能以该机构名义发布信息。"


def listing_update_check(*, actor: User, listing: Listing) -> None:
    """Refuse (and audit) an edit the actor may not make, before any input is validated."""
    if not user_can_edit_listing(actor, listing):
        audit_refusal(
            actor=actor, action="listing.update", target=listing, message="您无权修改该信息。"
        )
    if listing.status not in EDITABLE_BY_AUTHOR:
        raise ApplicationError(f"“{listing.get_status_display()}”状态的信息不能修改。")


def listing_update(*, actor: User, listing: Listing, values: dict[str, Any]) -> Listing:
    """Change an item; a published or approved item goes back to review."""
    listing_update_check(actor=actor, listing=listing)
    values = dict(values)
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        before = listing.status
        majors = _apply_values(listing, values)
        _employer_industry(listing.spec, listing, listing.organization)
        listing.version += 1
        if before in (S.PUBLISHED, S.APPROVED):
            listing.status = S.SUBMITTED
            listing.submitted_at = timezone.now()
        listing.full_clean(exclude=["majors"])
        listing.save()
        if majors is not None:
            listing.majors.set(majors)
        _record(listing=listing, actor=actor, action="update", from_status=before, snapshot=True)
    return listing


def listing_submit(*, actor: User, listing: Listing) -> Listing:
    """Send a draft or rejected item to review; the publisher must be verified."""
    return transition_apply(workflow=LISTING_WORKFLOW, obj=listing, name="submit", actor=actor)


def listing_approve(*, actor: User, listing: Listing) -> Listing:
    """Approve a submitted item: published now, or at its start date if that is still ahead."""
    return transition_apply(workflow=LISTING_WORKFLOW, obj=listing, name="approve", actor=actor)


def listing_reject(*, actor: User, listing: Listing, reason: str) -> Listing:
    """Reject a submitted item with a reason the author will see."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            "驳回时必须填写原因。", extra={"fields": {"reason": ["驳回时必须填写原因。"]}}
        )
    return transition_apply(
        workflow=LISTING_WORKFLOW,
        obj=listing,
        name="reject",
        actor=actor,
        reason=reason,
        extra_changes={"status_reason": reason[:500]},
    )


def listing_close(*, actor: User, listing: Listing, reason: str = "") -> Listing:
    """Take an item down: by its publisher, or by a reviewer of its locality."""
    reason = (reason or "").strip()[:500]
    return transition_apply(
        workflow=LISTING_WORKFLOW,
        obj=listing,
        name="close",
        actor=actor,
        reason=reason,
        extra_changes={"status_reason": reason},
    )


def listings_advance(*, today: datetime.date | None = None) -> dict[str, int]:
    """Publish approved items whose start date has come and expire those past their end date."""
    today = today or timezone.localdate()
    counts = {"published": 0, "expired": 0}
    due = Listing.objects.filter(status=S.APPROVED, valid_from__lte=today)
    for listing in due.only("pk", "status").iterator():
        if _advance(listing, "publish"):
            counts["published"] += 1
    stale = Listing.objects.filter(status__in=[S.PUBLISHED, S.APPROVED], valid_until__lt=today)
    for listing in stale.only("pk", "status").iterator():
        if _advance(listing, "expire"):
            counts["expired"] += 1
    return counts


def _advance(listing: Listing, name: str) -> bool:
    try:
        transition_apply(workflow=LISTING_WORKFLOW, obj=listing, name=name, actor=None)
    except ConflictError:
        return False  # changed since the list was read (e.g. closed meanwhile)
    return True
