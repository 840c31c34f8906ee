"""An item's transition table: draft → submitted → approved/rejected → published → closed/expired.

Taken with ``chanjiao.workflow.services.transition_apply`` by the services in
``chanjiao.listings.services.lifecycle`` (and ``reports``); the detail page and the API list
``transitions_available`` to decide which buttons to show. Creating and editing an item are not
transitions: they write the item's content (see ``listing_create`` / ``listing_update``).
"""

from typing import TYPE_CHECKING

from django.utils import timezone

from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.history import listing_event_record
from chanjiao.listings.hooks import listing_published, listing_transitioned
from chanjiao.listings.models import Listing, ListingReport, ListingStatus
from chanjiao.listings.permissions import (
    user_can_edit_listing,
    user_can_report,
    user_can_review_listing,
)
from chanjiao.workflow.definitions import Applied, Transition, Workflow, nobody

if TYPE_CHECKING:
    from chanjiao.accounts.models import User

S = ListingStatus
EDITABLE_BY_AUTHOR = frozenset({S.DRAFT, S.SUBMITTED, S.REJECTED, S.APPROVED, S.PUBLISHED})
SUBMITTABLE = frozenset({S.DRAFT, S.REJECTED})
CLOSABLE = frozenset({S.SUBMITTED, S.APPROVED, S.PUBLISHED})


def _may_close(actor: "User", listing: Listing) -> bool:
    return user_can_edit_listing(actor, listing) or user_can_review_listing(actor, listing)


def _review_refusal(actor: "User", listing: Listing) -> str:
    if listing.author_id == actor.pk:
        return "不能审核自己提交的信息。"
    return "您不是该信息所属地区的审核员。"


def _check_submittable(listing: Listing) -> None:
    if listing.organization is not None and not listing.organization.is_verified:
        raise ApplicationError(
            "发布机构尚未通过认证（统一社会信用代码核验及审核员审批），暂不能提交发布。",
            extra={"field": "organization"},
        )
    if listing.valid_until is not None and listing.valid_until < timezone.localdate():
        raise ApplicationError(
            "有效期已过，请修改有效期止后再提交。", extra={"field": "valid_until"}
        )


def _set_submitted(listing: Listing, actor: "User | None") -> None:
    listing.submitted_at = timezone.now()
    listing.status_reason = ""


def _resolve_reports(listing: Listing, actor: "User | None", status: str) -> None:
    listing.reports.filter(status=ListingReport.Status.OPEN).update(
        status=status, resolved_by=actor, resolved_at=timezone.now()
    )
    listing.open_report_count = 0


def _set_approved(listing: Listing, actor: "User | None") -> None:
    listing.reviewed_by, listing.reviewed_at, listing.status_reason = actor, timezone.now(), ""
    if listing.status == S.PUBLISHED:
        listing.published_at = listing.reviewed_at
    _resolve_reports(listing, actor, ListingReport.Status.DISMISSED)


def _set_rejected(listing: Listing, actor: "User | None") -> None:
    listing.reviewed_by, listing.reviewed_at = actor, timezone.now()
    _resolve_reports(listing, actor, ListingReport.Status.UPHELD)


def _set_published(listing: Listing, actor: "User | None") -> None:
    listing.published_at = timezone.now()


def _set_closed(listing: Listing, actor: "User | None") -> None:
    listing.closed_at = timezone.now()


def starts_later(listing: Listing) -> bool:
    """An approved item whose start date is still ahead waits (已通过（待生效）) until then."""
    return listing.valid_from is not None and listing.valid_from > timezone.localdate()


def _announce_published(listing: Listing) -> None:
    listing_published(listing.pk)


def _record_event(applied: Applied[Listing]) -> None:
    listing_event_record(
        listing=applied.obj,
        actor=applied.actor,
        action=applied.transition.action_name,
        from_status=applied.from_state,
        reason=applied.reason,
    )
    listing_transitioned(
        listing_id=applied.obj.pk,
        action=applied.transition.action_name,
        from_status=applied.from_state,
        to_status=applied.obj.status,
        reason=applied.reason,
        actor_id=applied.actor.pk if applied.actor is not None else None,
    )


LISTING_WORKFLOW: Workflow[Listing] = Workflow(
    name="listing",
    model=Listing,
    state_field="status",
    audit_prefix="listing",
    object_label="该信息",
    on_applied=_record_event,
    transitions=(
        Transition(
            name="submit",
            sources=SUBMITTABLE,
            target=S.SUBMITTED,
            label="提交审核",
            allowed=user_can_edit_listing,
            refusal="您无权提交该信息。",
            check=_check_submittable,
            apply=_set_submitted,
        ),
        Transition(
            name="approve",
            sources=frozenset({S.SUBMITTED}),
            target=S.PUBLISHED,
            label="审核通过",
            allowed=user_can_review_listing,
            refusal=_review_refusal,
            apply=_set_approved,
            when=lambda listing: not starts_later(listing),
            side_effects=(_announce_published,),
        ),
        Transition(
            name="approve_for_later",
            action="approve",
            sources=frozenset({S.SUBMITTED}),
            target=S.APPROVED,
            label="审核通过",
            allowed=user_can_review_listing,
            refusal=_review_refusal,
            apply=_set_approved,
            when=starts_later,
        ),
        Transition(
            name="reject",
            sources=frozenset({S.SUBMITTED}),
            target=S.REJECTED,
            label="驳回",
            allowed=user_can_review_listing,
            refusal=_review_refusal,
            apply=_set_rejected,
        ),
        Transition(
            name="close",
            sources=CLOSABLE,
            target=S.CLOSED,
            label="关闭信息",
            allowed=_may_close,
            refusal="您无权关闭该信息。",
            apply=_set_closed,
        ),
        Transition(
            name="report",
            sources=frozenset({S.PUBLISHED}),
            target=S.SUBMITTED,
            label="举报",
            allowed=user_can_report,
            refusal="您不能举报该信息。",
        ),
        Transition(
            name="publish",
            sources=frozenset({S.APPROVED}),
            target=S.PUBLISHED,
            label="到期自动发布",
            allowed=nobody,
            apply=_set_published,
            side_effects=(_announce_published,),
        ),
        Transition(
            name="expire",
            sources=frozenset({S.PUBLISHED, S.APPROVED}),
            target=S.EXPIRED,
            label="过期下线",
            allowed=nobody,
            apply=_set_closed,
        ),
    ),
)
