"""Web pages: the inbox and the user's subscriptions (saved searches)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.exceptions import ValidationError

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.listings.kinds import Direction, Education, ListingKind
from chanjiao.subscriptions import selectors, services
from chanjiao.subscriptions.api.views import subscription_input_parse
from chanjiao.subscriptions.models import (
    NoticeCategory,
    Notification,
    Subscription,
)
from chanjiao.subscriptions.services import MAX_SUBSCRIPTIONS_PER_USER


@require_GET
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's messages, newest first, unread ones marked; filtered by state and category.

    The unread count is the frame's ``unread_total`` (``web.context``), counted once per request.
    """
    unread_only = request.GET.get("unread") == "1"
    category = request.GET.get("category", "")
    category = category if category in NoticeCategory.values else ""
    qs = selectors.notification_list(
        fetched_by=request.user, unread_only=unread_only, category=category
    )
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "unread_only": unread_only,
        "category": category,
        "category_label": NoticeCategory(category).label if category else "",
        "categories": NoticeCategory.choices,
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "subscriptions/inbox.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    """Choose which kinds of messages also come by e-mail (none unless chosen)."""
    user = acting_user(request)
    if request.method == "POST":
        try:
            services.notice_settings_update(
                user=user, email_categories=request.POST.getlist("email_categories")
            )
        except ApplicationError as exc:
            messages.error(request, f"保存失败：{exc.message}")
        else:
            messages.success(request, "已保存提醒设置。")
            return redirect("subscriptions:settings")
    context = selectors.notice_settings_overview(user=user)
    return render(request, "subscriptions/settings.html", context)


@require_GET
@login_required
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark a message read and go to the item it is about."""
    notification = _own_notification(request, notification_id)
    services.notification_mark_read(user=acting_user(request), notification=notification)
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=set()):
        return HttpResponseRedirect(notification.url)
    return redirect("subscriptions:inbox")


@require_POST
@login_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one message read."""
    notification = _own_notification(request, notification_id)
    services.notification_mark_read(user=acting_user(request), notification=notification)
    return redirect("subscriptions:inbox")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    """Mark every message read."""
    updated = services.notifications_mark_all_read(user=acting_user(request))
    messages.success(request, f"已将 {updated} 条消息标为已读。")
    return redirect("subscriptions:inbox")


@require_GET
@login_required
def subscription_list(request: HttpRequest) -> HttpResponse:
    """The user's subscriptions, with a form to add one."""
    context = {
        "subscriptions": selectors.subscription_list(fetched_by=request.user),
        "limit": MAX_SUBSCRIPTIONS_PER_USER,
        "kinds": ListingKind.choices,
        "directions": Direction.choices,
        "educations": Education.choices,
    }
    return render(request, "subscriptions/subscription_list.html", context)


@require_POST
@login_required
def subscription_create(request: HttpRequest) -> HttpResponse:
    """Save the posted list filters as a subscription (list pages post their current filters)."""
    data: dict[str, Any] = dict(request.POST.dict())
    data.setdefault("email_enabled", True)  # a list page's "subscribe" button sends no choice
    try:
        subscription = services.subscription_create(
            user=acting_user(request), **subscription_input_parse(data)
        )
    except ValidationError as exc:
        messages.error(request, f"订阅失败：{_first_message(exc.detail)}")
    except ApplicationError as exc:
        messages.error(request, f"订阅失败：{exc.message}")
    else:
        messages.success(
            request, f"已订阅“{subscription.name}”。有新发布的匹配信息时，将通知到您的站内信。"
        )
    return redirect("subscriptions:list")


@require_POST
@login_required
def subscription_delete(request: HttpRequest, subscription_id: int) -> HttpResponse:
    """Delete one of the user's subscriptions."""
    subscription = _own_subscription(request, subscription_id)
    services.subscription_delete(user=acting_user(request), subscription=subscription)
    messages.success(request, f"已取消订阅“{subscription.name}”。")
    return redirect("subscriptions:list")


def _first_message(detail: object) -> str:
    if isinstance(detail, dict):
        return _first_message(next(iter(detail.values()), ""))
    if isinstance(detail, list):
        return _first_message(detail[0] if detail else "")
    return str(detail)


# A NotFoundError from the selectors becomes the 404 page (common.page_errors middleware).
def _own_notification(request: HttpRequest, notification_id: int) -> Notification:
    return selectors.notification_get_for_user(user=request.user, notification_id=notification_id)


def _own_subscription(request: HttpRequest, subscription_id: int) -> Subscription:
    return selectors.subscription_get_for_user(user=request.user, subscription_id=subscription_id)
