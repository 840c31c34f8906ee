"""The internships API's files: import placements from a spreadsheet, its template, the export."""

from typing import Any

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.api import FormatNamesTheFile
from chanjiao.common.api_fields import FIELD_ERRORS, IdField
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.internships.exporting import placements_export
from chanjiao.internships.importing import (
    TEMPLATE_FORMATS,
    import_template_csv,
    import_template_name,
    import_template_xlsx,
    placements_import,
)
from chanjiao.internships.models import PlacementKind, PlacementState
from chanjiao.listings.exporting import CONTENT_TYPES, ExportFormat, ListingExport
from chanjiao.organizations.selectors import organization_get_for_user

TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ISSUE_FIELDS: dict[str, serializers.Field] = {
    "row": serializers.IntegerField(allow_null=True, help_text="表格中的行号（表头为第 1 行）"),
    "column": serializers.CharField(help_text="列名（文件中的写法）"),
    "message": serializers.CharField(help_text="错误原因"),
}


def template_response(file_format: str) -> HttpResponse:
    """The blank placement import template as a download."""
    content = import_template_csv() if file_format == "csv" else import_template_xlsx()
    response = HttpResponse(content, content_type=TEMPLATE_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=import_template_name(file_format)
    )
    return response


def export_response(export: ListingExport) -> FileResponse:
    """Stream a finished export as a download under its Chinese name."""
    response = FileResponse(
        export.file, content_type=export.content_type, filename=export.ascii_filename
    )
    response["Content-Disposition"] = export.content_disposition
    response["Cache-Control"] = "no-store"
    return response


class PlacementImportApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        school = IdField(help_text="以哪所学校的名义导入（机构 ID）")
        file = serializers.FileField(help_text="CSV（UTF-8 或 GB18030）或 .xlsx 文件")

    class OutputSerializer(serializers.Serializer):
        file_name = serializers.CharField()
        rows = serializers.IntegerField()
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        message = serializers.CharField()

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={
            201: OutputSerializer,
            400: OpenApiResponse(
                response=inline_serializer(
                    "PlacementImportErrorOutput",
                    {
                        "message": serializers.CharField(),
                        "extra": inline_serializer(
                            "PlacementImportErrorExtra",
                            {
                                "errors": inline_serializer(
                                    "PlacementImportIssue", ISSUE_FIELDS, many=True, required=False
                                ),
                                "error_count": serializers.IntegerField(required=False),
                                "fields": FIELD_ERRORS,
                            },
                        ),
                    },
                ),
                description="文件被拒绝或有错误行：列出每处错误（含违反的实习红线条款），"
                "未写入任何数据。",
            ),
        },
        summary="从表格导入实习安排（学校；CSV 或 xlsx，全部成功或全部不导入）",
        description="每行一名学生的一次实习，按与逐条录入相同的规则和实习红线核对。"
        "以“学生 + 实习单位 + 实习类型 + 开始日期”识别同一条实习安排，"
        "重复导入同一文件不会重复新增。",
    )
    def post(self, request: Request) -> Response:
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        school = organization_get_for_user(
            user=request.user, organization_id=body.validated_data["school"]
        )
        upload = body.validated_data["file"]
        result = placements_import(
            actor=acting_user(request), school=school, file_name=upload.name, stream=upload
        )
        if not result.ok:
            raise ApplicationError(
                result.message,
                extra={
                    "errors": [issue.as_dict() for issue in result.errors],
                    "error_count": result.error_count,
                },
            )
        return Response(self.OutputSerializer(result).data, status=status.HTTP_201_CREATED)


class PlacementImportTemplateApi(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatNamesTheFile

    class FilterSerializer(serializers.Serializer):
        format = serializers.ChoiceField(
            choices=TEMPLATE_FORMATS,
            default="xlsx",
            error_messages={"invalid_choice": "模板格式只能是 csv 或 xlsx。"},
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, TEMPLATE_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
        },
        summary="下载实习安排导入模板（中文表头）",
    )
    def get(self, request: Request) -> HttpResponse:
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return template_response(query.validated_data["format"])


class PlacementExportFilterSerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=ExportFormat.choices,
        default=ExportFormat.XLSX,
        error_messages={"invalid_choice": "导出格式只能是 csv 或 xlsx。"},
    )
    status = serializers.ChoiceField(choices=PlacementState.choices, required=False)
    kind = serializers.ChoiceField(choices=PlacementKind.choices, required=False)


class PlacementExportApi(APIView):
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatNamesTheFile

    @extend_schema(
        parameters=[PlacementExportFilterSerializer],
        responses={
            (200, CONTENT_TYPES[ExportFormat.CSV]): OpenApiTypes.BINARY,
            (200, CONTENT_TYPES[ExportFormat.XLSX]): OpenApiTypes.BINARY,
            (400, "application/json"): OpenApiResponse(description="参数有误或超过导出上限"),
        },
        summary="导出我可见的实习安排（CSV 或 Excel；学生姓名、电话按身份打码）",
    )
    def get(self, request: Request) -> Any:
        filters = PlacementExportFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        export = placements_export(
            user=acting_user(request),
            file_format=data["format"],
            status=data.get("status", ""),
            kind=data.get("kind", ""),
        )
        return export_response(export)
