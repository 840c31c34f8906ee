"""HTTP API of the statistics app: 专业点年度统计 and 人社供求统计 — import, list, templates."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.api_fields import FIELD_ERRORS
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.listings.api.import_views import CONTENT_TYPES, ISSUE_FIELDS
from chanjiao.statistics.api.serializers import (
    ApplicationOutcomeFilterSerializer,
    ApplicationOutcomeTableSerializer,
    LaborMarketFilterSerializer,
    LaborMarketStatOutputSerializer,
    MajorYearFilterSerializer,
    MajorYearStatOutputSerializer,
)
from chanjiao.statistics.importing import (
    TEMPLATE_FORMATS,
    StatisticsImportResult,
    labor_market_import,
    major_year_stats_import,
    statistics_template,
)
from chanjiao.statistics.outcomes import (
    OUTCOMES_SOURCE,
    SUPPRESS_BELOW,
    application_outcomes_for_user,
)
from chanjiao.statistics.selectors import labor_market_series, major_year_stats_for_user
from chanjiao.students.selectors import school_get


class _FormatIsTheFileType(DefaultContentNegotiation):
    """``?format=`` names the template's file type here, not a DRF renderer."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV（UTF-8 或 GB18030）或 .xlsx 文件")


class ImportOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    file_name = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    school_majors_created = serializers.IntegerField()
    school_majors_updated = serializers.IntegerField()
    message = serializers.CharField()


IMPORT_ERROR = OpenApiResponse(
    response=inline_serializer(
        "StatisticsImportErrorOutput",
        {
            "message": serializers.CharField(),
            "extra": inline_serializer(
                "StatisticsImportErrorExtra",
                {
                    "errors": inline_serializer(
                        "StatisticsImportIssue", ISSUE_FIELDS, many=True, required=False
                    ),
                    "error_count": serializers.IntegerField(required=False),
                    "fields": FIELD_ERRORS,
                },
            ),
        },
    ),
    description="文件被拒绝或有错误行：列出每处错误（行号、列名、原因），未写入任何数据。",
)


def _import_response(result: StatisticsImportResult) -> Response:
    if not result.ok:
        errors = [issue.as_dict() for issue in result.errors]
        raise ApplicationError(
            result.message, extra={"errors": errors, "error_count": result.error_count}
        )
    return Response(ImportOutputSerializer(result.as_dict()).data, status=status.HTTP_201_CREATED)


def _template_response(kind: str, file_format: str) -> HttpResponse:
    name, content = statistics_template(kind, file_format)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


class TemplateFilterSerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=TEMPLATE_FORMATS,
        default="xlsx",
        error_messages={"invalid_choice": "模板格式只能是 csv 或 xlsx。"},
    )


TEMPLATE_RESPONSES: dict[Any, Any] = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
    (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
}


class _TemplateApi(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _FormatIsTheFileType
    kind = ""

    def get(self, request: Request) -> HttpResponse:
        query = TemplateFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return _template_response(self.kind, query.validated_data["format"])


class MajorYearStatImportApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={201: ImportOutputSerializer, 400: IMPORT_ERROR},
        summary="导入专业点年度统计（全部成功或全部不导入）",
        description="表头用模板中的中文列名；按学校、专业、年度更新，重复导入同一文件不会产生变化。"
        "学校的机构管理员/信息员只能导入本校，政府管理员只能导入本地区学校。",
    )
    def post(self, request: Request) -> Response:
        body = ImportInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        result = major_year_stats_import(
            actor=acting_user(request), file_name=upload.name, stream=upload
        )
        return _import_response(result)


class MajorYearStatListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[MajorYearFilterSerializer],
        responses=MajorYearStatOutputSerializer(many=True),
        summary="专业点年度统计列表（学校看本校，政府管理员看本地区，平台管理员看全部）",
    )
    def get(self, request: Request) -> Response:
        query = MajorYearFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = major_year_stats_for_user(user=request.user, **query.selector_arguments())
        return get_paginated_response(
            serializer_class=MajorYearStatOutputSerializer,
            queryset=rows,
            request=request,
            view=self,
        )


class MajorYearStatTemplateApi(_TemplateApi):
    kind = "major_year"

    @extend_schema(
        parameters=[TemplateFilterSerializer],
        responses=TEMPLATE_RESPONSES,
        summary="下载专业点年度统计导入模板",
    )
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


class LaborMarketStatImportApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={201: ImportOutputSerializer, 400: IMPORT_ERROR},
        summary="导入人社供求统计（求人倍率表；政府管理员导入本地区，全部成功或全部不导入）",
    )
    def post(self, request: Request) -> Response:
        body = ImportInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        result = labor_market_import(
            actor=acting_user(request), file_name=upload.name, stream=upload
        )
        return _import_response(result)


class LaborMarketStatListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[LaborMarketFilterSerializer],
        responses=LaborMarketStatOutputSerializer(many=True),
        summary="人社供求统计（求人倍率）列表：公开数据",
    )
    def get(self, request: Request) -> Response:
        query = LaborMarketFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = query.filtered(labor_market_series(region=query.validated_data.get("region")))
        return get_paginated_response(
            serializer_class=LaborMarketStatOutputSerializer,
            queryset=rows,
            request=request,
            view=self,
        )


class LaborMarketStatTemplateApi(_TemplateApi):
    kind = "labor_market"

    @extend_schema(
        parameters=[TemplateFilterSerializer],
        responses=TEMPLATE_RESPONSES,
        summary="下载人社供求统计导入模板",
    )
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


class ApplicationOutcomeListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[ApplicationOutcomeFilterSerializer],
        responses={
            200: ApplicationOutcomeTableSerializer,
            404: OpenApiResponse(description="没有该学校"),
        },
        summary="学校的平台投递去向：按专业、届别统计投递、获邀面试、录用人数（本平台数据）",
        description="只含汇总人数。学校本校成员、本地区政府管理员和平台管理员看到精确人数；"
        "其他人（含未登录）看到的少于 5 人的数为 null，会泄露这些数的合计也为 null。"
        "这是本平台的投递数据，不是学校导入的毕业去向统计。",
    )
    def get(self, request: Request) -> Response:
        query = ApplicationOutcomeFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        school = school_get(school_id=query.validated_data["school"])
        table = application_outcomes_for_user(
            user=request.user, school=school, year=query.validated_data.get("year")
        )
        data = {
            "school": table.school,
            "year": table.year,
            "exact": table.exact,
            "suppress_below": SUPPRESS_BELOW,
            "data_source": OUTCOMES_SOURCE,
            "lines": table.lines,
            "total": table.total,
        }
        return Response(ApplicationOutcomeTableSerializer(data).data)
