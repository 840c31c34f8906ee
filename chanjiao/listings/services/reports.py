"""Reports against items (fake jobs, fees charged to applicants, discrimination)."""

from django.db import IntegrityError, transaction
from django.db.models import F

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.hooks import listings_changed
from chanjiao.listings.models import (
    Listing,
    ListingReport,
    ListingStatus,
    ReportReason,
)
from chanjiao.listings.workflow import LISTING_WORKFLOW
from chanjiao.workflow.services import transition_apply


def listing_report(
    *, actor: User, listing: Listing, reason: str, detail: str = ""
) -> ListingReport:
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
            _return_to_review(
                listing=listing,
                actor=actor,
                reason=reason,
                reason_label=str(report.get_reason_display()),
            )
    except IntegrityError:
        raise ApplicationError("您已举报过该信息，正在处理中。") from None
    listing.refresh_from_db()
    return report


def _return_to_review(*, listing: Listing, actor: User, reason: str, reason_label: str) -> None:
    """Count the report; a published item goes back to review (a transition of its workflow)."""
    Listing.objects.filter(pk=listing.pk).update(open_report_count=F("open_report_count") + 1)
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.status == ListingStatus.PUBLISHED:
        # Writes the item's history, the audit event and marks the derived data.
        transition_apply(
            workflow=LISTING_WORKFLOW,
            obj=locked,
            name="report",
            actor=actor,
            reason=reason_label,
            audit_changes={"reason": reason},
        )
        return
    listings_changed([listing.pk])
    audit_event_record(
        actor=actor, action="listing.report", target=listing, changes={"reason": reason}
    )
