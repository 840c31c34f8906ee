"""HTTP API for bulk imports: upload a CSV or .xlsx file of one kind, download a blank template."""

from django.http import HttpResponse
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
from chanjiao.listings.importing import (
    TEMPLATE_FORMATS,
    ImportResult,
    import_template_csv,
    import_template_name,
    import_template_xlsx,
    listings_import,
)
from chanjiao.listings.kinds import KINDS, ListingKind
from chanjiao.organizations.selectors import organization_get_for_user

IMPORTABLE_KINDS = [(key, spec.label) for key, spec in KINDS.items() if not spec.is_personal]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ISSUE_FIELDS: dict[str, serializers.Field] = {
    "row": serializers.IntegerField(allow_null=True, help_text="表格中的行号（表头为第 1 行）"),
    "column": serializers.CharField(help_text="列名（文件中的写法）"),
    "message": serializers.CharField(help_text="错误原因"),
}


def import_template_response(kind: str, file_format: str) -> HttpResponse:
    """Return a kind's blank import template as a download."""
    content = import_template_csv(kind) if file_format == "csv" else import_template_xlsx(kind)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=import_template_name(kind, file_format)
    )
    return response


def import_failure(result: ImportResult) -> ApplicationError:
    """Return the 400 error of a refused import, listing every problem."""
    errors = [issue.as_dict() for issue in result.errors]
    return ApplicationError(
        result.message, extra={"errors": errors, "error_count": result.error_count}
    )


class ListingImportApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(
            choices=ListingKind.choices, help_text="信息类型（个人求职档案不能批量导入）"
        )
        organization = IdField(help_text="以哪个机构的名义导入（机构 ID）")
        file = serializers.FileField(help_text="CSV（UTF-8 或 GB18030）或 .xlsx 文件")
        submit = serializers.BooleanField(default=False, help_text="导入后直接提交审核")

    class OutputSerializer(serializers.Serializer):
        kind = serializers.CharField()
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
                    "ListingImportErrorOutput",
                    {
                        "message": serializers.CharField(),
                        "extra": inline_serializer(
                            "ListingImportErrorExtra",
                            {
                                "errors": inline_serializer(
                                    "ListingImportIssue", ISSUE_FIELDS, many=True, required=False
                                ),
                                "error_count": serializers.IntegerField(required=False),
                                "fields": FIELD_ERRORS,
                            },
                        ),
                    },
                ),
                description="文件被拒绝或有错误行：列出每处错误，未写入任何数据。",
            ),
        },
        summary="批量导入供需信息（CSV 或 xlsx，全部成功或全部不导入）",
        description="表头用模板中的中文列名或字段名；以“外部编号”识别同一条信息，"
        "重复导入同一文件不会产生任何变化。任何一行有错误时整个文件都不导入，"
        "并返回全部错误（行号、列名、原因）。",
    )
    def post(self, request: Request) -> Response:
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        organization = organization_get_for_user(
            user=request.user, organization_id=data["organization"]
        )
        upload = data["file"]
        result = listings_import(
            actor=acting_user(request),
            kind=data["kind"],
            organization=organization,
            file_name=upload.name,
            stream=upload,
            submit=data["submit"],
        )
        if not result.ok:
            raise import_failure(result)
        output = self.OutputSerializer(result)
        return Response(output.data, status=status.HTTP_201_CREATED)


class ListingImportTemplateApi(APIView):
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FormatNamesTheFile

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=ListingKind.choices)
        format = serializers.ChoiceField(
            choices=TEMPLATE_FORMATS,
            default="xlsx",
            error_messages={"invalid_choice": "模板格式只能是 csv 或 xlsx。"},
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
        },
        summary="下载批量导入模板（每种信息类型一个）",
    )
    def get(self, request: Request) -> HttpResponse:
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        if params["kind"] not in dict(IMPORTABLE_KINDS):
            message = "个人求职档案须本人填写，没有导入模板。"
            raise ApplicationError(message, extra={"fields": {"kind": [message]}})
        return import_template_response(params["kind"], params["format"])
