"""Type-ahead choices for a field that takes a region, occupation, industry or major by name."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.catalogs.resolve import KINDS, catalog_suggest
from chanjiao.common.exceptions import NotFoundError

SUGGEST_LIMIT = 20


class CatalogSuggestionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="填入字段的文字（重名时带代码或层次）")
    label = serializers.CharField(help_text="显示给用户的全称与代码")  # type: ignore[assignment]
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField(allow_blank=True)


class CatalogSuggestApi(APIView):
    # Public reference data, like the catalogue lists; one indexed query per keystroke pause.
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="名称的一部分或代码的开头"),
        ],
        responses=CatalogSuggestionSerializer(many=True),
        summary="目录名称输入提示（最多 20 条，现行有效）",
    )
    def get(self, request: Request, catalog: str) -> Response:
        if catalog not in KINDS:
            raise NotFoundError("目录应为 region、occupation、industry 或 major。")
        query = str(request.query_params.get("q", ""))
        rows: list[dict[str, Any]] = [
            {
                "value": s.value,
                "label": s.label,
                "code": s.code,
                "name": s.name,
                "level": s.extra.get("level", ""),
            }
            for s in catalog_suggest(catalog, query, limit=SUGGEST_LIMIT)
        ]
        return Response(CatalogSuggestionSerializer(rows, many=True).data)
