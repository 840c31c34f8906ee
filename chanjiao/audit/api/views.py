from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

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
