"""HTTP API for saved searches and the inbox; every row is visible to its owner only."""

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.pagination import DefaultPagination
from chanjiao.common.users import acting_user
from chanjiao.listings.api.serializers import ListingFilterSerializer
from chanjiao.listings.selectors import ListingFilters
from chanjiao.subscriptions import selectors, services
from chanjiao.subscriptions.models import NoticeCategory


class SubscriptionInputSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    email_enabled = serializers.BooleanField(required=False, default=True)


class SubscriptionCreateInputSerializer(SubscriptionInputSerializer, ListingFilterSerializer):
    """A name and the list filters to watch (the list's query parameters)."""


class SubscriptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    filters = serializers.DictField()
    summary = serializers.CharField()
    is_active = serializers.BooleanField()
    email_enabled = serializers.BooleanField()
    last_notified_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField()
    category = serializers.ChoiceField(choices=NoticeCategory.choices)
    category_label = serializers.CharField(source="get_category_display")
    listing = serializers.IntegerField(source="listing_id", allow_null=True)
    subscription = serializers.IntegerField(source="subscription_id", allow_null=True)
    is_read = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class NotificationFilterSerializer(serializers.Serializer):
    unread_only = serializers.BooleanField(required=False, default=False)
    category = serializers.ChoiceField(
        choices=NoticeCategory.choices,
        required=False,
        default="",
        allow_blank=True,
        error_messages={"invalid_choice": "没有这种消息类别。"},
    )


class NoticeCategoryOutputSerializer(serializers.Serializer):
    value = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    email_choosable = serializers.BooleanField(
        help_text="false：订阅的新信息按每个订阅的 email_enabled 发邮件，不在此设置"
    )


class NoticeSettingsOutputSerializer(serializers.Serializer):
    email_categories = serializers.ListField(child=serializers.CharField())
    has_email = serializers.BooleanField(help_text="账号已填写电子邮箱（发邮件的前提）")
    email_enabled = serializers.BooleanField(help_text="本平台已开启邮件发送")
    categories = NoticeCategoryOutputSerializer(many=True)


class NoticeSettingsInputSerializer(serializers.Serializer):
    email_categories = serializers.ListField(
        child=serializers.CharField(max_length=20), allow_empty=True, max_length=20
    )


def subscription_input_parse(data: Any) -> dict[str, Any]:
    """Validate a new subscription's name, e-mail choice and filters (DRF ValidationError)."""
    head = SubscriptionInputSerializer(data=data)
    head.is_valid(raise_exception=True)
    filters = ListingFilterSerializer(data=data)
    filters.is_valid(raise_exception=True)
    return {
        "name": head.validated_data.get("name", ""),
        "email_enabled": head.validated_data["email_enabled"],
        "filters": ListingFilters.from_mapping(filters.validated_data),
    }


class SubscriptionListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SubscriptionOutputSerializer(many=True), summary="我的订阅")
    def get(self, request: Request) -> Response:
        subscriptions = selectors.subscription_list(fetched_by=request.user)
        return Response(SubscriptionOutputSerializer(subscriptions, many=True).data)

    @extend_schema(
        request=SubscriptionCreateInputSerializer,
        responses={201: SubscriptionOutputSerializer},
        summary="订阅筛选条件（有新发布的匹配信息时站内通知）",
    )
    def post(self, request: Request) -> Response:
        values = subscription_input_parse(request.data)
        subscription = services.subscription_create(user=acting_user(request), **values)
        return Response(
            SubscriptionOutputSerializer(subscription).data, status=status.HTTP_201_CREATED
        )


class SubscriptionDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None}, summary="删除订阅")
    def delete(self, request: Request, subscription_id: int) -> Response:
        subscription = selectors.subscription_get_for_user(
            user=request.user, subscription_id=subscription_id
        )
        services.subscription_delete(user=acting_user(request), subscription=subscription)
        return Response(status=status.HTTP_204_NO_CONTENT)


class NotificationListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[NotificationFilterSerializer],
        responses=NotificationOutputSerializer(many=True),
        summary="站内信（最新在前，含未读数 unread）",
    )
    def get(self, request: Request) -> Response:
        params = NotificationFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        qs = selectors.notification_list(
            fetched_by=request.user,
            unread_only=params.validated_data["unread_only"],
            category=params.validated_data["category"],
        )
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        response = paginator.get_paginated_response(
            NotificationOutputSerializer(page, many=True).data
        )
        response.data["unread"] = selectors.unread_count(request.user)
        return response


class NotificationReadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NotificationOutputSerializer, summary="标为已读")
    def post(self, request: Request, notification_id: int) -> Response:
        notification = selectors.notification_get_for_user(
            user=request.user, notification_id=notification_id
        )
        notification = services.notification_mark_read(
            user=acting_user(request), notification=notification
        )
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "NotificationReadAllOutput",
            {"updated": serializers.IntegerField(), "unread": serializers.IntegerField()},
        ),
        summary="全部标为已读",
    )
    def post(self, request: Request) -> Response:
        updated = services.notifications_mark_all_read(user=acting_user(request))
        return Response({"updated": updated, "unread": selectors.unread_count(request.user)})


class NoticeSettingsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=NoticeSettingsOutputSerializer, summary="提醒设置（哪些类别同时发邮件）"
    )
    def get(self, request: Request) -> Response:
        data = selectors.notice_settings_overview(user=acting_user(request))
        return Response(NoticeSettingsOutputSerializer(data).data)

    @extend_schema(
        request=NoticeSettingsInputSerializer,
        responses=NoticeSettingsOutputSerializer,
        summary="修改提醒设置（勾选的类别同时发邮件，默认都不发）",
        description="email_categories 可选 listing、application、contact、event；"
        "订阅的新信息按每个订阅的邮件开关发送。",
    )
    def put(self, request: Request) -> Response:
        body = NoticeSettingsInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = acting_user(request)
        services.notice_settings_update(
            user=user, email_categories=body.validated_data["email_categories"]
        )
        data = selectors.notice_settings_overview(user=user)
        return Response(NoticeSettingsOutputSerializer(data).data)
