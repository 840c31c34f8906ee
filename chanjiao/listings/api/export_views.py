"""HTTP API for exporting item lists as CSV or Excel files."""

from typing import Any

from django.http import FileResponse, QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from chanjiao.common.api import FormatNamesTheFile
from chanjiao.listings.api.serializers import ListingFilterSerializer
from chanjiao.listings.exporting import (
    CONTENT_TYPES,
    ExportFormat,
    ExportScope,
    ListingExport,
    listing_export,
)
from chanjiao.listings.selectors import ListingFilters


class ExportInputSerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=ExportFormat.choices,
        default=ExportFormat.XLSX,
        error_messages={"invalid_choice": "导出格式只能是 csv 或 xlsx。"},
    )
    scope = serializers.ChoiceField(
        choices=ExportScope.choices,
        default=ExportScope.PUBLIC,
        error_messages={"invalid_choice": "导出范围只能是 public、mine 或 review。"},
    )


class ExportFilterSerializer(ExportInputSerializer, ListingFilterSerializer):
    """The export's format and scope plus the list filters (for the schema)."""


def export_request_parse(params: QueryDict) -> tuple[str, str, ListingFilters]:
    """Validate an export's query parameters; raise DRF's ValidationError with Chinese messages."""
    head = ExportInputSerializer(data=params)
    head.is_valid(raise_exception=True)
    filters = ListingFilterSerializer(data=params)
    filters.is_valid(raise_exception=True)
    return (
        head.validated_data["format"],
        head.validated_data["scope"],
        ListingFilters.from_mapping(filters.validated_data),
    )


def export_file_response(export: ListingExport) -> FileResponse:
    """Stream a finished export to the client as a download."""
    response = FileResponse(
        export.file, content_type=export.content_type, filename=export.ascii_filename
    )
    response["Content-Disposition"] = export.content_disposition
    response["Cache-Control"] = "no-store"
    return response


class ListingExportApi(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatNamesTheFile

    @extend_schema(
        parameters=[ExportFilterSerializer],
        responses={
            (200, CONTENT_TYPES[ExportFormat.CSV]): OpenApiTypes.BINARY,
            (200, CONTENT_TYPES[ExportFormat.XLSX]): OpenApiTypes.BINARY,
            (400, "application/json"): OpenApiResponse(description="参数有误或超过导出上限"),
            (403, "application/json"): OpenApiResponse(description="无权导出该范围"),
        },
        summary="导出信息列表（CSV 或 Excel；个人信息按权限脱敏）",
        description="scope=public 为公开列表（匿名可用），mine 为本机构信息，review 为审核队列；"
        "其余参数与列表接口的筛选参数相同。单次最多导出 100000 条。",
    )
    def get(self, request: Request) -> Any:
        file_format, scope, filters = export_request_parse(request.query_params)
        export = listing_export(
            user=request.user, scope=scope, filters=filters, file_format=file_format
        )
        return export_file_response(export)
