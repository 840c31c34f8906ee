"""专业预警 over HTTP: rules (officers edit), runs (officers trigger), flags, responses, summary.

Request bodies that the services check answer 400 with ``extra.errors`` listing every problem.
"""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.early_warning.api import serializers as s
from chanjiao.early_warning.permissions import user_sees_all_warnings
from chanjiao.early_warning.selectors import (
    warning_flag_get_for_user,
    warning_flag_list,
    warning_rule_get,
    warning_rule_list,
    warning_run_list,
    warning_summary,
)
from chanjiao.early_warning.services import (
    warning_flag_close,
    warning_response_create,
    warning_rule_update,
    warnings_evaluate,
)
from chanjiao.localities.selectors import locality_find

ERRORS = {
    400: OpenApiResponse(description="数据有误：extra.errors 或 extra.fields 逐条列出原因"),
    403: OpenApiResponse(description="未登录或无权操作"),
    404: OpenApiResponse(description="不存在或无权查看"),
}
LOCALITY_PARAM = OpenApiParameter("locality", str, description="地区名称或编号，如 梧州市")


def _body(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise ApplicationError("请求体应为 JSON 对象。")
    return dict(request.data)


def _query(serializer_class: type, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class _JsonApi(APIView):
    parser_classes = [JSONParser]


class WarningRuleListApi(_JsonApi):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[LOCALITY_PARAM],
        responses=s.WarningRuleOutputSerializer(many=True),
        summary="预警规则（各地区的参数、等级、豁免专业、条款）",
    )
    def get(self, request: Request) -> Response:
        value = request.query_params.get("locality")
        locality = locality_find(value) if value else None
        return get_paginated_response(
            serializer_class=s.WarningRuleOutputSerializer,
            queryset=warning_rule_list(locality=locality),
            request=request,
            view=self,
        )


class WarningRuleDetailApi(_JsonApi):
    @extend_schema(
        responses={200: s.WarningRuleOutputSerializer, 404: ERRORS[404]}, summary="预警规则"
    )
    def get(self, request: Request, rule_id: int) -> Response:
        return Response(s.WarningRuleOutputSerializer(warning_rule_get(rule_id=rule_id)).data)

    @extend_schema(
        request=s.WarningRuleInputSerializer,
        responses={200: s.WarningRuleOutputSerializer, **ERRORS},
        summary="修改预警规则（平台管理员或该地区政府管理员；记入审计日志）",
    )
    def patch(self, request: Request, rule_id: int) -> Response:
        rule = warning_rule_update(
            actor=acting_user(request), rule=warning_rule_get(rule_id=rule_id), data=request.data
        )
        return Response(s.WarningRuleOutputSerializer(warning_rule_get(rule_id=rule.pk)).data)


class WarningRunListApi(_JsonApi):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[OpenApiParameter("locality", str, required=True, description="地区名称或编号")],
        responses={200: s.WarningRunOutputSerializer(many=True), **ERRORS},
        summary="预警评估记录（该地区政府与平台管理员可见）",
    )
    def get(self, request: Request) -> Response:
        locality = locality_find(request.query_params.get("locality", ""))
        if not user_sees_all_warnings(request.user, locality):
            raise PermissionDeniedError("只有该地区的政府用户或平台管理员可以查看评估记录。")
        return get_paginated_response(
            serializer_class=s.WarningRunOutputSerializer,
            queryset=warning_run_list(locality=locality),
            request=request,
            view=self,
        )

    @extend_schema(
        request=s.WarningRunInputSerializer,
        responses={201: s.WarningRunOutputSerializer, **ERRORS},
        summary="运行预警评估（重复运行同一年度只替换该年度的预警）",
    )
    def post(self, request: Request) -> Response:
        data = s.WarningRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        locality = locality_find(data.validated_data["locality"])
        run = warnings_evaluate(
            locality=locality, year=data.validated_data["year"], actor=acting_user(request)
        )
        return Response(s.WarningRunOutputSerializer(run).data, status=status.HTTP_201_CREATED)


class WarningFlagListApi(_JsonApi):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[s.WarningFlagFilterSerializer],
        responses=s.WarningFlagOutputSerializer(many=True),
        summary="专业预警列表（学校只见本校，政府见本地区）",
    )
    def get(self, request: Request) -> Response:
        filters = _query(s.WarningFlagFilterSerializer, request)
        if filters.get("locality"):
            filters["locality"] = locality_find(filters["locality"]).pk
        return get_paginated_response(
            serializer_class=s.WarningFlagOutputSerializer,
            queryset=warning_flag_list(fetched_by=request.user, filters=filters),
            request=request,
            view=self,
        )


class WarningFlagDetailApi(_JsonApi):
    @extend_schema(
        responses={200: s.WarningFlagDetailOutputSerializer, 404: ERRORS[404]},
        summary="专业预警详情（证据、条款原文、回应记录）",
    )
    def get(self, request: Request, flag_id: int) -> Response:
        flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
        return Response(s.WarningFlagDetailOutputSerializer(flag).data)


class WarningFlagRespondApi(_JsonApi):
    @extend_schema(
        request=s.WarningTextInputSerializer,
        responses={201: s.WarningFlagDetailOutputSerializer, **ERRORS},
        summary="学校回应本校的专业预警",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
        warning_response_create(
            flag=flag, actor=acting_user(request), text=_body(request).get("text")
        )
        flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
        return Response(
            s.WarningFlagDetailOutputSerializer(flag).data, status=status.HTTP_201_CREATED
        )


class WarningFlagCloseApi(_JsonApi):
    @extend_schema(
        request=s.WarningNoteInputSerializer,
        responses={200: s.WarningFlagDetailOutputSerializer, **ERRORS},
        summary="关闭专业预警并说明（平台管理员或该地区政府管理员）",
    )
    def post(self, request: Request, flag_id: int) -> Response:
        flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
        warning_flag_close(flag=flag, actor=acting_user(request), note=_body(request).get("note"))
        flag = warning_flag_get_for_user(flag_id=flag_id, user=request.user)
        return Response(s.WarningFlagDetailOutputSerializer(flag).data)


class WarningSummaryApi(_JsonApi):
    @extend_schema(
        parameters=[s.WarningSummaryFilterSerializer],
        responses={200: s.WarningSummaryRowSerializer(many=True), **ERRORS},
        summary="年度预警汇总（每个专业点的最高等级、规则与证据）",
    )
    def get(self, request: Request) -> Response:
        query = s.WarningSummaryFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        locality = locality_find(query.validated_data["locality"])
        if not user_sees_all_warnings(request.user, locality):
            raise PermissionDeniedError("只有该地区的政府用户或平台管理员可以查看预警汇总。")
        rows = warning_summary(locality=locality, year=query.validated_data["year"])
        return Response(s.WarningSummaryRowSerializer(rows, many=True).data)
