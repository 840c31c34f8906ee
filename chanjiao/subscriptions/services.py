"""Saved searches and the in-platform inbox.

When an item is published, ``subscriptions_notify_for_listing`` finds the active subscriptions
whose saved filters match it — with the list's own filter logic — and whose owner may see it, and
puts one message in each owner's inbox (and an e-mail, where enabled).
"""

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Q
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record
from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.common.exceptions import ApplicationError, NotFoundError, field_refusal
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.permissions import listings_visible_to
from chanjiao.listings.selectors import ListingFilters, listing_filter
from chanjiao.organizations.models import Organization
from chanjiao.subscriptions.models import (
    EMAIL_OPT_IN_CATEGORIES,
    FILTER_LABELS,
    NoticeCategory,
    NoticeSettings,
    Notification,
    Subscription,
)
from chanjiao.subscriptions.notices import Letter, emails_send

MAX_SUBSCRIPTIONS_PER_USER = 50
MATCH_BATCH = 50  # saved filter sets checked against an item in one query


def _invalid(field: str, message: str) -> ApplicationError:
    # Not ``field_refusal``: that adds ``extra["field"]``, and API clients see ``extra`` as is.
    return ApplicationError(message, extra={"fields": {field: [message]}})


def _stored_filters(filters: ListingFilters) -> dict[str, Any]:
    stored = {k: v for k, v in filters.as_query().items() if k in FILTER_LABELS}
    if "q" in stored:
        stored["q"] = " ".join(str(stored["q"]).split())
    return {k: v for k, v in stored.items() if v not in (None, "")}


def _code_exists(field: str, value: Any) -> bool:
    # Region, occupation and industry filters match by prefix, as the list does.
    if field == "region":
        return Region.objects.filter(code__startswith=value).exists()
    if field == "occupation":
        return Occupation.objects.filter(code__startswith=value).exists()
    if field == "major":
        return Major.objects.filter(code=value).exists()
    if field == "industry" and str(value).isalpha():
        return Industry.objects.filter(section=str(value).upper()).exists()
    if field == "industry":
        return Industry.objects.filter(code__startswith=value).exists()
    if field == "organization":
        return Organization.objects.filter(pk=value).exists()
    return True


def _check_codes(stored: dict[str, Any]) -> None:
    for field, value in stored.items():
        if not _code_exists(field, value):
            raise _invalid(field, f"{FILTER_LABELS[field]}“{value}”不存在，请检查后重试。")


def subscription_create(
    *, user: User, name: str, filters: ListingFilters, email_enabled: bool = True
) -> Subscription:
    """Save a user's list filters as a subscription (no duplicates, at most 50 per user)."""
    stored = _stored_filters(filters)
    if not stored:
        raise ApplicationError("请至少设置一个筛选条件（如信息类型、地区或关键词）后再订阅。")
    _check_codes(stored)
    name = " ".join((name or "").split()) or Subscription(filters=stored).summary[:100]
    if len(name) > 100:
        raise _invalid("name", "订阅名称不能超过 100 个字。")
    with transaction.atomic():
        # Lock the owner's row so two requests cannot both pass the checks below.
        User.objects.select_for_update().filter(pk=user.pk).first()
        existing = list(Subscription.objects.filter(user=user))
        if len(existing) >= MAX_SUBSCRIPTIONS_PER_USER:
            raise ApplicationError(
                f"每位用户最多保存 {MAX_SUBSCRIPTIONS_PER_USER} 个订阅，请先删除不再需要的订阅。"
            )
        duplicate = next((s for s in existing if s.filters == stored), None)
        if duplicate is not None:
            raise ApplicationError(f"您已保存过相同条件的订阅“{duplicate.name}”。")
        subscription = Subscription.objects.create(
            user=user,
            name=name,
            filters=stored,
            kind=stored.get("kind", ""),
            region=stored.get("region", ""),
            email_enabled=email_enabled,
        )
        audit_event_record(
            actor=user,
            action="subscription.create",
            target=subscription,
            changes={"name": name, "filters": stored},
        )
    return subscription


def subscription_delete(*, user: User, subscription: Subscription) -> None:
    """Delete one of the user's subscriptions; its inbox messages stay."""
    if subscription.user_id != user.pk:
        raise NotFoundError("订阅不存在。")
    with transaction.atomic():
        audit_event_record(
            actor=user,
            action="subscription.delete",
            target=subscription,
            changes={"name": subscription.name, "filters": subscription.filters},
        )
        subscription.delete()


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one message of the user's inbox as read."""
    if notification.user_id != user.pk:
        raise NotFoundError("消息不存在。")
    if not notification.is_read:
        notification.is_read = True
        notification.save(update_fields=["is_read"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every message of the user's inbox as read; return how many changed."""
    return Notification.objects.filter(user=user, is_read=False).update(is_read=True)


def notice_settings_update(*, user: User, email_categories: Iterable[str]) -> NoticeSettings:
    """Save which message categories also come to the user by e-mail (audited when changed)."""
    wanted = {str(value) for value in email_categories}
    for value in sorted(wanted):
        if value == NoticeCategory.SUBSCRIPTION:
            raise field_refusal(
                "email_categories", "订阅的新信息是否发邮件，请在“我的订阅”中按每个订阅设置。"
            )
        if value not in EMAIL_OPT_IN_CATEGORIES:
            raise field_refusal("email_categories", f"没有“{value}”这种提醒类别。")
    chosen = [value for value in EMAIL_OPT_IN_CATEGORIES if value in wanted]
    with transaction.atomic():
        row, _ = NoticeSettings.objects.select_for_update().get_or_create(user=user)
        before = list(row.email_categories)
        if before != chosen:
            row.email_categories = chosen
            row.save(update_fields=["email_categories", "updated_at"])
            audit_event_record(
                actor=user,
                action="notice_settings.update",
                target=row,
                changes={"email_categories": {"from": before, "to": chosen}},
            )
    return row


def subscriptions_notify_for_listing(*, listing_id: int) -> int:
    """Notify subscribers of one newly published item; return how many were told."""
    listing = (
        Listing.objects.select_related("region", "organization")
        .filter(pk=listing_id, status=ListingStatus.PUBLISHED)
        .first()
    )
    if listing is None:
        return 0
    matched = _matching(listing, _candidates(listing))
    recipients = _recipients(listing, matched)
    if not recipients:
        return 0
    notifications = _notifications_create(listing, recipients)
    _emails_send(notifications)
    return len(notifications)


def _candidates(listing: Listing) -> list[Subscription]:
    """Active subscriptions that could match: same kind (or any), region containing the item's."""
    code = str(listing.region.code)
    prefixes = [code[:length] for length in range(2, len(code) + 1)]
    return list(
        Subscription.objects.filter(is_active=True, user__is_active=True)
        .filter(Q(kind="") | Q(kind=listing.kind))
        .filter(Q(region="") | Q(region__in=prefixes))
        .exclude(user_id=listing.author_id)
        .select_related("user")
        .order_by("pk")
    )


def _matching(listing: Listing, candidates: list[Subscription]) -> list[Subscription]:
    """Check each distinct saved filter set with the list's own filters, many per query."""
    groups: dict[str, list[Subscription]] = defaultdict(list)
    for subscription in candidates:
        groups[json.dumps(subscription.filters, sort_keys=True)].append(subscription)
    keys = list(groups)
    matched: list[Subscription] = []
    for start in range(0, len(keys), MATCH_BATCH):
        chunk = keys[start : start + MATCH_BATCH]
        checks = {
            f"m{i}": Exists(
                listing_filter(
                    Listing.objects.filter(pk=listing.pk),
                    ListingFilters.from_mapping(groups[key][0].filters),
                )
            )
            for i, key in enumerate(chunk)
        }
        row = Listing.objects.filter(pk=listing.pk).annotate(**checks).values(*checks).get()
        matched += [s for i, key in enumerate(chunk) if row[f"m{i}"] for s in groups[key]]
    return sorted(matched, key=lambda s: s.pk)


def _recipients(listing: Listing, matched: list[Subscription]) -> list[Subscription]:
    """One subscription per user not yet told of this item, and only users who may see it."""
    told = set(
        Notification.objects.filter(
            listing=listing, user_id__in={s.user_id for s in matched}
        ).values_list("user_id", flat=True)
    )
    chosen: dict[int, Subscription] = {}
    for subscription in matched:
        if subscription.user_id not in told and subscription.user_id not in chosen:
            chosen[subscription.user_id] = subscription
    if listing.is_public:
        return list(chosen.values())
    return [
        s for s in chosen.values() if listings_visible_to(s.user).filter(pk=listing.pk).exists()
    ]


def _message(listing: Listing, subscription: Subscription) -> tuple[str, str]:
    label = listing.spec.label
    where = listing.region.name
    if listing.organization is not None and not listing.spec.is_personal:
        where = f"{listing.organization.name}，{where}"
    title = f"新{label}：{listing.title}"[:200]
    body = f"您订阅的“{subscription.name}”有一条新发布的{label}：{listing.title}（{where}）。"
    return title, body


def _notifications_create(listing: Listing, recipients: list[Subscription]) -> list[Notification]:
    url = listing.get_absolute_url()
    notifications = []
    for subscription in recipients:
        title, body = _message(listing, subscription)
        notifications.append(
            Notification(
                user=subscription.user,
                subscription=subscription,
                listing=listing,
                title=title,
                body=body,
                url=url,
            )
        )
    with transaction.atomic():
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)
        Subscription.objects.filter(pk__in=[s.pk for s in recipients]).update(
            last_notified_at=timezone.now()
        )
    return notifications


def _emails_send(notifications: list[Notification]) -> int:
    """E-mail the messages whose subscription asks for it, when e-mail is configured."""
    if not settings.CHANJIAO_EMAIL_NOTIFICATIONS:
        return 0
    letters = [
        Letter(n.user_id, n.user.email, n.title, n.body, n.url)
        for n in notifications
        if n.subscription and n.subscription.email_enabled and n.user.email
    ]
    return emails_send(letters, footer="修改或取消订阅请登录平台，进入“我的订阅”。")
