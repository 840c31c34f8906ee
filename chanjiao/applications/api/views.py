"""The applications API: apply, my applications, the publisher's inbox, one application, steps.

Same permissions as the pages (the same selectors and services): an application is visible to
its applicant and the publisher's 机构管理员 / 信息员 only; anyone else gets 404.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.applications.api.serializers import (
    ApplicationDetailOutputSerializer,
    ApplicationInputSerializer,
    ApplicationOutputSerializer,
    ApplicationTransitionInputSerializer,
)
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.selectors import (
    applicable_post,
    application_get_for_user,
    application_inbox,
    application_list_for_applicant,
)
from chanjiao.applications.services import (
    application_open,
    application_submit,
    application_transition,
)
from chanjiao.common.api_fields import IdField
from chanjiao.common.exceptions import NotFoundError, field_refusal
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.events.models import MatchEvent
from chanjiao.listings.models import Listing


def _detail_response(request: Request, application: Application) -> Response:
    application, contact = application_open(actor=acting_user(request), application=application)
    output = ApplicationDetailOutputSerializer(
        application, context={"request": request, "contact": contact}
    )
    return Response(output.data)


class ApplicationCreateApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": ApplicationInputSerializer,
            "multipart/form-data": ApplicationInputSerializer,
        },
        responses={201: ApplicationDetailOutputSerializer},
        summary="投递岗位（投递即授权该单位查看联系方式，仅用于本岗位）",
    )
    def post(self, request: Request) -> Response:
        serializer = ApplicationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = acting_user(request)
        listing = applicable_post(data["listing"])
        if listing is None:
            raise NotFoundError("未找到该岗位，或该岗位已不在招聘中。", extra={"field": "listing"})
        profile = None
        if data.get("profile"):
            profile = Listing.objects.filter(pk=data["profile"], author_id=user.pk).first()
            if profile is None:
                raise field_refusal("profile", "只能附上您本人的求职档案。")
        event = None
        if data.get("event"):
            event = MatchEvent.objects.filter(pk=data["event"]).first()
            if event is None:
                raise field_refusal("event", "该招聘活动不存在或不提供这个岗位。")
        application = application_submit(
            actor=user,
            listing=listing,
            message=data.get("message", ""),
            attachment=data.get("attachment"),
            profile=profile,
            event=event,
        )
        output = ApplicationDetailOutputSerializer(
            application, context={"request": request, "contact": None}
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


class StateFilterSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=ApplicationState.choices,
        required=False,
        error_messages={"invalid_choice": "状态 {input} 无效。"},
    )


class MyApplicationListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[StateFilterSerializer],
        responses=ApplicationOutputSerializer(many=True),
        summary="我的投递（最新在前）",
    )
    def get(self, request: Request) -> Response:
        filters = StateFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        applications = application_list_for_applicant(
            fetched_by=acting_user(request), state=filters.validated_data.get("state", "")
        )
        return get_paginated_response(
            serializer_class=ApplicationOutputSerializer,
            queryset=applications,
            request=request,
            view=self,
        )


class ReceivedApplicationListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(StateFilterSerializer):
        listing = IdField(required=False, help_text="岗位编号")

    @extend_schema(
        parameters=[FilterSerializer],
        responses=ApplicationOutputSerializer(many=True),
        summary="本单位收到的投递（姓名打码，最新在前）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        applications = application_inbox(
            fetched_by=acting_user(request),
            listing_id=data.get("listing"),
            state=data.get("state", ""),
        )
        return get_paginated_response(
            serializer_class=ApplicationOutputSerializer,
            queryset=applications,
            request=request,
            view=self,
        )


class ApplicationDetailApi(APIView):
    @extend_schema(
        responses=ApplicationDetailOutputSerializer,
        summary="一份投递（招聘单位可见投递人联系方式，每次查看均记录）",
    )
    def get(self, request: Request, application_id: int) -> Response:
        application = application_get_for_user(acting_user(request), application_id)
        return _detail_response(request, application)


class ApplicationTransitionApi(APIView):
    @extend_schema(
        request=ApplicationTransitionInputSerializer,
        responses=ApplicationDetailOutputSerializer,
        summary="处理投递：邀请面试、录用、不合适；投递人撤回",
    )
    def post(self, request: Request, application_id: int) -> Response:
        serializer = ApplicationTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        application = application_get_for_user(user, application_id)
        application = application_transition(
            actor=user,
            application=application,
            name=serializer.validated_data["name"],
            message=serializer.validated_data.get("message", ""),
        )
        return _detail_response(request, application)
