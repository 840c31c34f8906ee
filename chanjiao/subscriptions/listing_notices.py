"""Tell a publisher what happened to their post: approved, rejected, expiring in three days.

The messages go to the item's author and, for an organisation's item, to the organisation's
active 机构管理员 and 信息员 (those who act for it), in category LISTING through ``notice_send``.
Review outcomes arrive from the listings workflow (``listing_transition_handlers``, after commit);
the expiry reminder comes from a daily job, once per item and end date (``dedupe_key``).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.organizations.selectors import acting_member_ids_by_organization
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send

EXPIRY_NOTICE_DAYS = 3


def _date_text(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _recipients(listing: Listing, members: dict[int, set[int]]) -> tuple[set[int], set[int]]:
    """Return (the author's id, the other people acting for the item's organisation)."""
    author = {listing.author_id}
    if listing.organization_id is None:
        return author, set()
    return author, members.get(listing.organization_id, set()) - author


def _send(
    listing: Listing,
    *,
    recipients: tuple[set[int], set[int]],
    title: str,
    body: str,
    dedupe_key: str = "",
) -> int:
    """Send the author "您发布的…" and the organisation's people "本机构发布的…"."""
    author, members = recipients
    url = listing.get_absolute_url()
    sent = 0
    for ids, whose in ((author, "您发布的"), (members, "本机构发布的")):
        notice = Notice(
            category=NoticeCategory.LISTING,
            title=whose + title,
            body=body,
            url=url,
            dedupe_key=dedupe_key,
        )
        sent += notice_send(recipients=ids, notice=notice)
    return sent


def _review_message(listing: Listing, action: str, to_status: str, reason: str) -> tuple[str, str]:
    label = listing.spec.label
    if action == "reject":
        reason_text = reason.strip() or "未填写"
        return (
            f"“{listing.title}”未通过审核",
            f"{label}“{listing.title}”被驳回。驳回原因：{reason_text}。请按原因修改后重新提交审核。",
        )
    if to_status == ListingStatus.APPROVED and listing.valid_from is not None:
        start = _date_text(listing.valid_from)
        return (
            f"“{listing.title}”已通过审核，将于{start}生效",
            f"{label}“{listing.title}”已通过审核，将于{start}自动发布。",
        )
    return (
        f"“{listing.title}”已审核通过",
        f"{label}“{listing.title}”已审核通过并发布。",
    )


REVIEW_ACTIONS = frozenset({"approve", "reject"})


def listing_review_notify(
    *, listing_id: int, action: str, to_status: str, reason: str, actor_id: int | None = None
) -> int:
    """Tell the item's publisher of a review outcome (approve, reject); return messages sent."""
    if action not in REVIEW_ACTIONS:
        return 0
    listing = Listing.objects.filter(pk=listing_id).first()
    if listing is None:
        return 0
    organizations = {listing.organization_id} if listing.organization_id else set()
    author, members = _recipients(listing, acting_member_ids_by_organization(organizations))
    if actor_id is not None:  # no one needs telling what they did themselves
        author, members = author - {actor_id}, members - {actor_id}
    title, body = _review_message(listing, action, to_status, reason)
    with transaction.atomic():
        return _send(listing, recipients=(author, members), title=title, body=body)


def _expiring_message(listing: Listing, ends: datetime.date) -> tuple[str, str]:
    end = _date_text(ends)
    return (
        f"“{listing.title}”将于{EXPIRY_NOTICE_DAYS}天后到期",
        f"{listing.spec.label}“{listing.title}”的有效期至{end}，到期后将自动下线。"
        "如需继续展示，请在到期前修改“有效期止”。",
    )


def listings_expiring_notify(*, today: datetime.date | None = None) -> int:
    """Tell the publishers of live items that end in three days, once per item and end date."""
    today = today or timezone.localdate()
    ends = today + datetime.timedelta(days=EXPIRY_NOTICE_DAYS)
    listings = list(
        Listing.objects.filter(status=ListingStatus.PUBLISHED, valid_until=ends).order_by("pk")
    )
    members = acting_member_ids_by_organization(
        {x.organization_id for x in listings if x.organization_id}
    )
    sent = 0
    for listing in listings:
        title, body = _expiring_message(listing, ends)
        with transaction.atomic():
            sent += _send(
                listing,
                recipients=_recipients(listing, members),
                title=title,
                body=body,
                dedupe_key=f"listing.expiring:{listing.pk}:{ends.isoformat()}",
            )
    return sent
