"""HTTP API for search: listings and catalogues, autocomplete, and a stream of changes."""

from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.api_fields import MAX_ID
from chanjiao.common.exceptions import ApplicationError
from chanjiao.search.api.serializers import (
    CatalogResultSerializer,
    SearchPageSerializer,
    SuggestionSerializer,
)
from chanjiao.search.catalog_search import CATALOG_TYPES, catalog_search
from chanjiao.search.params import search_params_from_query
from chanjiao.search.selectors import (
    search_changes,
    search_listings,
    search_suggest,
)

_P = OpenApiParameter


def _integer(minimum: int, maximum: int | None = None) -> dict[str, Any]:
    """The schema of an integer query parameter with its range."""
    bounds = {"minimum": minimum} if maximum is None else {"minimum": minimum, "maximum": maximum}
    return {"type": "integer", **bounds}


SEARCH_PARAMETERS = [
    _P("q", str, description="关键词（中文、英文、数字均可，如“数控 梧州”）"),
    _P(
        "type",
        str,
        description="信息类型（可用逗号分隔多个，如 job,internship）；"
        "或 catalog / major / occupation / industry 检索目录",
    ),
    _P("region", str, description="地区代码，含下级（4504 含其各区县）"),
    _P("industry", str, description="行业门类字母（如 C）或代码（前缀，如 15、1530）"),
    _P("occupation", str, description="职业代码（前缀，如 6-18 或 6-18-01-01）"),
    _P("major", str, description="专业代码（前缀，如 46 或 460103）"),
    _P(
        "education",
        str,
        description="学历：none/junior_high/secondary/associate/bachelor/master/doctorate",
    ),
    _P(
        "salary_min",
        {"type": "integer", "minimum": 0, "maximum": 100_000_000},
        description="薪酬不低于（元/月，按薪酬上限比较）",
    ),
    _P(
        "salary_max",
        {"type": "integer", "minimum": 0, "maximum": 100_000_000},
        description="薪酬不高于（元/月，按薪酬下限比较）",
    ),
    _P("published_since", OpenApiTypes.DATE, description="发布日期不早于"),
    _P(
        "organization",
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        description="发布机构编号",
    ),
    _P("sort", str, enum=["relevance", "newest", "salary"], description="排序"),
    _P("page", _integer(1), description="页码（最多翻到前 2000 条）"),
    _P(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 50},
        description="每页条数（1–50，默认 20）",
    ),
    _P("facets", str, description="需要统计的分面，逗号分隔；默认全部；none 表示不统计"),
]


class SearchApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=SEARCH_PARAMETERS,
        responses=SearchPageSerializer,
        summary="全文检索供需信息（含分面统计）或目录",
        description="只返回公开信息（已发布、在有效期内、非个人求职档案）。type 为 catalog、major、"
        "occupation 或 industry 时检索专业、职业、行业目录，返回 CatalogResult 结构。",
    )
    def get(self, request: Request) -> Response:
        scope = request.query_params.get("type", "")
        if scope == "catalog" or scope in CATALOG_TYPES:
            types = tuple(CATALOG_TYPES) if scope == "catalog" else (scope,)
            entries = catalog_search(q=request.query_params.get("q", ""), types=types, limit=50)
            return Response(
                CatalogResultSerializer({"total": len(entries), "results": entries}).data
            )
        page = search_listings(params=search_params_from_query(request.query_params))
        return Response(SearchPageSerializer(page).data)


class SearchSuggestApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[_P("q", str, required=True, description="已输入的文字")],
        responses=SuggestionSerializer(many=True),
        summary="搜索框自动补全（目录名称与常见词）",
    )
    def get(self, request: Request) -> Response:
        suggestions = search_suggest(q=request.query_params.get("q", "")[:50])
        return Response(SuggestionSerializer(suggestions, many=True).data)


def _since(value: str) -> Any:
    moment = parse_datetime(value) if value else None
    if moment is None and value and parse_date(value):
        moment = parse_datetime(value + "T00:00:00")
    if moment is None:
        message = "since 应为 ISO 8601 时间，如 2026-01-01T00:00:00+08:00。"
        raise ApplicationError(message, extra={"fields": {"since": [message]}})
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


class SearchChangesApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            _P("since", OpenApiTypes.DATETIME, required=True, description="起始时间（含）")
        ],
        responses={(200, "application/x-ndjson"): OpenApiTypes.STR},
        summary="批量获取变更（JSON Lines 流）",
        description="每行一个 JSON 对象：自 since 起变为公开或被修改的信息给出内容"
        "（deleted=false），"
        "不再公开的信息给出墓碑记录（deleted=true）。按 changed_at 升序。",
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        since = _since(request.query_params.get("since", ""))
        return StreamingHttpResponse(
            search_changes(since=since), content_type="application/x-ndjson"
        )
