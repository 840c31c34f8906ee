"""The life of an item: draft → submitted → approved/rejected → published → closed/expired.

Every transition is checked, recorded in the item's history and in the audit log.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.models import Listing, ListingEvent, ListingReport, ListingStatus
from chanjiao.listings.permissions import (
    user_can_edit_listing,
    user_can_publish_for,
    user_can_review_listing,
)
from chanjiao.listings.services.dependents import listings_changed
from chanjiao.listings.services.snapshot import listing_snapshot
from chanjiao.organizations.models import Organization

S = ListingStatus
EDITABLE_BY_AUTHOR = frozenset({S.DRAFT, S.SUBMITTED, S.REJECTED, S.APPROVED, S.PUBLISHED})
SUBMITTABLE = frozenset({S.DRAFT, S.REJECTED})
CLOSABLE = frozenset({S.SUBMITTED, S.APPROVED, S.PUBLISHED})


def _deny(*, actor: Any, action: str, target: Listing | None, message: str) -> None:
    # Recorded before any write transaction opens, so the refusal stays in the audit log.
    audit_event_record(actor=actor, action=action, target=target, result=AuditResult.DENIED)
    raise PermissionDeniedError(message)


def _record(
    *,
    listing: Listing,
    actor: Any,
    action: str,
    from_status: str,
    reason: str = "",
    snapshot: bool = False,
) -> None:
    ListingEvent.objects.create(
        listing=listing,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        from_status=from_status,
        to_status=listing.status,
        reason=reason,
        snapshot=listing_snapshot(listing) if snapshot else {},
        version=listing.version,
    )
    changes: dict[str, Any] = {"status": [from_status, listing.status]}
    if reason:
        changes["reason"] = reason
    audit_event_record(actor=actor, action=f"listing.{action}", target=listing, changes=changes)
    listings_changed([listing.pk])


def _after_publish(listing: Listing) -> None:
    from chanjiao.subscriptions.tasks import notify_subscribers_task

    listing_id = listing.pk
    transaction.on_commit(lambda: notify_subscribers_task.enqueue(listing_id=listing_id))


def _apply_values(listing: Listing, values: dict[str, Any]) -> list[Any] | None:
    majors = values.pop("majors", None)
    for name, value in values.items():
        setattr(listing, name, value)
    return majors


def listing_create(
    *, actor: Any, spec: KindSpec, organization: Organization | None, values: dict[str, Any]
) -> Listing:
    """Save a new item as a draft in the organisation's name (the person's own, for a profile)."""
    if not user_can_publish_for(actor, spec, organization):
        _deny(
            actor=actor,
            action="listing.create",
            target=None,
            message=_publish_refusal(spec, organization),
        )
    values = dict(values)
    with transaction.atomic():
        listing = Listing(kind=spec.kind.value, organization=organization, author=actor)
        majors = _apply_values(listing, values)
        if spec.industry_from_employer and organization is not None:
            listing.industry_id = organization.industry_id
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


def listing_update_check(*, actor: Any, listing: Listing) -> None:
    """Refuse (and audit) an edit the actor may not make, before any input is validated."""
    if not user_can_edit_listing(actor, listing):
        _deny(actor=actor, action="listing.update", target=listing, message="您无权修改该信息。")
    if listing.status not in EDITABLE_BY_AUTHOR:
        raise ApplicationError(f"“{listing.get_status_display()}”状态的信息不能修改。")


def listing_update(*, actor: Any, listing: Listing, values: dict[str, Any]) -> Listing:
    """Change an item; a published or approved item goes back to review."""
    listing_update_check(actor=actor, listing=listing)
    values = dict(values)
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        before = listing.status
        majors = _apply_values(listing, values)
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


def listing_submit(*, actor: Any, listing: Listing) -> Listing:
    """Send a draft or rejected item to review; the publisher must be verified."""
    if not user_can_edit_listing(actor, listing):
        _deny(actor=actor, action="listing.submit", target=listing, message="您无权提交该信息。")
    if listing.status not in SUBMITTABLE:
        raise ApplicationError(f"“{listing.get_status_display()}”状态的信息不能提交审核。")
    if listing.organization is not None and not listing.organization.is_verified:
        raise ApplicationError(
            "发布机构尚未通过认证（统一社会信用代码核验及审核员审批），暂不能提交发布。",
            extra={"field": "organization"},
        )
    if listing.valid_until is not None and listing.valid_until < timezone.localdate():
        raise ApplicationError(
            "有效期已过，请修改有效期止后再提交。", extra={"field": "valid_until"}
        )
    with transaction.atomic():
        before = listing.status
        listing.status = S.SUBMITTED
        listing.submitted_at = timezone.now()
        listing.status_reason = ""
        listing.save(update_fields=["status", "submitted_at", "status_reason", "updated_at"])
        _record(listing=listing, actor=actor, action="submit", from_status=before)
    return listing


def _check_review(*, actor: Any, listing: Listing, action: str) -> None:
    if listing.author_id == getattr(actor, "pk", None):
        _deny(actor=actor, action=action, target=listing, message="不能审核自己提交的信息。")
    if not user_can_review_listing(actor, listing):
        _deny(actor=actor, action=action, target=listing, message="您不是该信息所属地区的审核员。")
    if listing.status != S.SUBMITTED:
        raise ApplicationError(f"“{listing.get_status_display()}”状态的信息不在审核队列中。")


def listing_approve(*, actor: Any, listing: Listing, today: datetime.date | None = None) -> Listing:
    """Approve a submitted item: published now, or at its start date if that is still ahead."""
    _check_review(actor=actor, listing=listing, action="listing.approve")
    today = today or timezone.localdate()
    with transaction.atomic():
        before = listing.status
        now = timezone.now()
        listing.reviewed_by, listing.reviewed_at, listing.status_reason = actor, now, ""
        if listing.valid_from is not None and listing.valid_from > today:
            listing.status = S.APPROVED
        else:
            listing.status, listing.published_at = S.PUBLISHED, now
        _resolve_reports(listing=listing, actor=actor, status=ListingReport.Status.DISMISSED)
        listing.save()
        _record(listing=listing, actor=actor, action="approve", from_status=before)
        if listing.status == S.PUBLISHED:
            _after_publish(listing)
    return listing


def listing_reject(*, actor: Any, listing: Listing, reason: str) -> Listing:
    """Reject a submitted item with a reason the author will see."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(
            "驳回时必须填写原因。", extra={"fields": {"reason": ["驳回时必须填写原因。"]}}
        )
    _check_review(actor=actor, listing=listing, action="listing.reject")
    with transaction.atomic():
        before = listing.status
        listing.status, listing.status_reason = S.REJECTED, reason[:500]
        listing.reviewed_by, listing.reviewed_at = actor, timezone.now()
        _resolve_reports(listing=listing, actor=actor, status=ListingReport.Status.UPHELD)
        listing.save()
        _record(listing=listing, actor=actor, action="reject", from_status=before, reason=reason)
    return listing


def _resolve_reports(*, listing: Listing, actor: Any, status: str) -> None:
    listing.reports.filter(status=ListingReport.Status.OPEN).update(
        status=status, resolved_by=actor, resolved_at=timezone.now()
    )
    listing.open_report_count = 0


def listing_close(*, actor: Any, listing: Listing, reason: str = "") -> Listing:
    """Take an item down: by its publisher, or by a reviewer of its locality."""
    if not (user_can_edit_listing(actor, listing) or user_can_review_listing(actor, listing)):
        _deny(actor=actor, action="listing.close", target=listing, message="您无权关闭该信息。")
    if listing.status not in CLOSABLE:
        raise ApplicationError(f"“{listing.get_status_display()}”状态的信息不能关闭。")
    with transaction.atomic():
        before = listing.status
        listing.status, listing.closed_at = S.CLOSED, timezone.now()
        listing.status_reason = (reason or "").strip()[:500]
        listing.save(update_fields=["status", "closed_at", "status_reason", "updated_at"])
        _record(
            listing=listing,
            actor=actor,
            action="close",
            from_status=before,
            reason=listing.status_reason,
        )
    return listing


def listings_advance(*, today: datetime.date | None = None) -> dict[str, int]:
    """Publish approved items whose start date has come and expire those past their end date."""
    today = today or timezone.localdate()
    counts = {"published": 0, "expired": 0}
    due = Listing.objects.filter(status=S.APPROVED, valid_from__lte=today)
    for listing_id in due.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=listing_id)
            if listing.status != S.APPROVED:
                continue
            listing.status, listing.published_at = S.PUBLISHED, timezone.now()
            listing.save(update_fields=["status", "published_at", "updated_at"])
            _record(listing=listing, actor=None, action="publish", from_status=S.APPROVED)
            _after_publish(listing)
            counts["published"] += 1
    stale = Listing.objects.filter(status__in=[S.PUBLISHED, S.APPROVED], valid_until__lt=today)
    for listing_id in stale.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            listing = Listing.objects.select_for_update().get(pk=listing_id)
            before = listing.status
            listing.status, listing.closed_at = S.EXPIRED, timezone.now()
            listing.save(update_fields=["status", "closed_at", "updated_at"])
            _record(listing=listing, actor=None, action="expire", from_status=before)
            counts["expired"] += 1
    return counts
