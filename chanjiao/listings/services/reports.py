"""Reports against items (fake jobs, fees charged to applicants, discrimination)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.models import (
    Listing,
    ListingEvent,
    ListingReport,
    ListingStatus,
    ReportReason,
)
from chanjiao.listings.services.dependents import listings_changed


def listing_report(*, actor: Any, listing: Listing, reason: str, detail: str = "") -> ListingReport:
    """Record a report; a published item goes back to the review queue until a reviewer decides."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDeniedError("请先登录再举报。")
    if listing.author_id == actor.pk:
        raise ApplicationError("不能举报自己发布的信息。")
    if reason not in ReportReason.values:
        raise ApplicationError("请选择举报原因。", extra={"fields": {"reason": ["举报原因无效。"]}})
    if listing.status != ListingStatus.PUBLISHED and not listing.open_report_count:
        raise ApplicationError("只能举报已发布的信息。")
    try:
        with transaction.atomic():
            report = ListingReport.objects.create(
                listing=listing, reporter=actor, reason=reason, detail=(detail or "").strip()[:2000]
            )
            _return_to_review(listing=listing, actor=actor, reason=str(report.get_reason_display()))
            audit_event_record(
                actor=actor, action="listing.report", target=listing, changes={"reason": reason}
            )
    except IntegrityError:
        raise ApplicationError("您已举报过该信息，正在处理中。") from None
    listing.refresh_from_db()
    return report


def _return_to_review(*, listing: Listing, actor: Any, reason: str) -> None:
    listings_changed([listing.pk])
    Listing.objects.filter(pk=listing.pk).update(open_report_count=F("open_report_count") + 1)
    before = listing.status
    if before != ListingStatus.PUBLISHED:
        return
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.SUBMITTED)
    ListingEvent.objects.create(
        listing=listing,
        actor=actor,
        action="report",
        from_status=before,
        to_status=ListingStatus.SUBMITTED,
        reason=reason,
        version=listing.version,
    )
