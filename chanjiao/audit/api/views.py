import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.audit.exporting import audit_export_csv
from chanjiao.audit.selectors import audit_event_list
from chanjiao.common.api_fields import IdField
from chanjiao.common.pagination import DefaultPagination, get_paginated_response


class AuditEventListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(serializers.Serializer):
        action = serializers.CharField(required=False, max_length=80)
        actor_id = IdField(required=False)
        target_type = serializers.CharField(required=False, max_length=80)
        target_id = serializers.CharField(required=False, max_length=64)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        occurred_at = serializers.DateTimeField()
        actor_id = serializers.IntegerField(allow_null=True)
        actor = serializers.CharField(source="actor_repr")
        action = serializers.CharField()
        target_type = serializers.CharField()
        target_id = serializers.CharField()
        target = serializers.CharField(source="target_repr")
        changes = serializers.JSONField()
        result = serializers.CharField()
        ip_address = serializers.CharField(allow_null=True)
        request_path = serializers.CharField()

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="审计日志（平台管理员）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = audit_event_list(fetched_by=request.user, **filters.validated_data)
        return get_paginated_response(
            serializer_class=self.OutputSerializer, queryset=qs, request=request, view=self
        )


class AuditEventExportApi(APIView):
    class FilterSerializer(serializers.Serializer):
        since = serializers.DateField(help_text="开始日期（含），默认 30 天前")
        until = serializers.DateField(help_text="结束日期（含），默认今天；一次最多 366 天")

    @extend_schema(
        parameters=[FilterSerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV")},
        summary="导出审计日志（审计管理员，CSV，含哈希链摘要）",
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        today = timezone.localdate()
        data = {
            "since": (today - datetime.timedelta(days=30)).isoformat(),
            "until": today.isoformat(),
            **request.query_params.dict(),
        }
        filters = self.FilterSerializer(data=data)
        filters.is_valid(raise_exception=True)
        since, until = filters.validated_data["since"], filters.validated_data["until"]
        lines = audit_export_csv(fetched_by=request.user, since=since, until=until)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="audit-{since:%Y%m%d}-{until:%Y%m%d}.csv"'
        )
        return response
