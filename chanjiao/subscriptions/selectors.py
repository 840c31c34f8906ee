"""Reads of a user's subscriptions and inbox; every read is scoped to the owner."""

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import NotFoundError
from chanjiao.subscriptions.models import (
    CATEGORY_HELP,
    EMAIL_OPT_IN_CATEGORIES,
    NoticeCategory,
    NoticeSettings,
    Notification,
    Subscription,
)


def subscription_list(*, fetched_by: User | AnonymousUser) -> QuerySet[Subscription]:
    """Return the user's subscriptions, newest first."""
    if not fetched_by.is_authenticated:
        return Subscription.objects.none()
    return Subscription.objects.filter(user=fetched_by).order_by("-created_at", "-pk")


def subscription_get_for_user(*, user: User | AnonymousUser, subscription_id: int) -> Subscription:
    """Return one of the user's subscriptions, or raise NotFoundError."""
    subscription = subscription_list(fetched_by=user).filter(pk=subscription_id).first()
    if subscription is None:
        raise NotFoundError("订阅不存在。")
    return subscription


def notification_list(
    *, fetched_by: User | AnonymousUser, unread_only: bool = False, category: str = ""
) -> QuerySet[Notification]:
    """Return the user's inbox, newest first, optionally unread ones or one category only."""
    if not fetched_by.is_authenticated:
        return Notification.objects.none()
    qs = Notification.objects.filter(user=fetched_by)
    if unread_only:
        qs = qs.filter(is_read=False)
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("-created_at", "-pk")


def notification_get_for_user(*, user: User | AnonymousUser, notification_id: int) -> Notification:
    """Return one message of the user's inbox, or raise NotFoundError."""
    notification = notification_list(fetched_by=user).filter(pk=notification_id).first()
    if notification is None:
        raise NotFoundError("消息不存在。")
    return notification


def unread_count(user: User | AnonymousUser) -> int:
    """Return how many inbox messages the user has not read (0 for visitors)."""
    return notification_list(fetched_by=user, unread_only=True).count()


def notice_settings_get(*, user: User) -> NoticeSettings:
    """Return the user's notice settings; unsaved defaults (no e-mail) when never chosen."""
    found = NoticeSettings.objects.filter(user=user).first()
    return found or NoticeSettings(user=user, email_categories=[])


def notice_settings_overview(*, user: User) -> dict[str, Any]:
    """The notice settings as the page and the API show them: each category and its choice."""
    chosen = list(notice_settings_get(user=user).email_categories)
    return {
        "email_categories": chosen,
        "has_email": bool(user.email),
        "email_enabled": bool(settings.CHANJIAO_EMAIL_NOTIFICATIONS),
        "categories": [
            {
                "value": value,
                "name": label,
                "description": CATEGORY_HELP.get(value, ""),
                "email_choosable": value in EMAIL_OPT_IN_CATEGORIES,
                "chosen": value in chosen,
            }
            for value, label in NoticeCategory.choices
        ],
    }
