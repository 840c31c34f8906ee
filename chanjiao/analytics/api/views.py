"""HTTP API of the analytics tables: demand, supply, supply–demand, CSV exports, fill state."""

import csv
import io
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.analytics import selectors
from chanjiao.analytics.api import serializers as s
from chanjiao.analytics.permissions import user_can_see_fill_state, user_can_see_unsuppressed
from chanjiao.analytics.regions import region_resolve
from chanjiao.common.exceptions import PermissionDeniedError

PUBLIC_NOTE = (
    "匿名用户及非本地区用户只能看到公开口径：小于 5 人的格子不显示数字，并按互补抑制规则隐藏"
    "足以反推它的格子；本地区政府管理员和平台工作人员看到完整数字（public=true 时也按公开口径）。"
)
ERRORS: dict[int | tuple[int, str], Any] = {
    400: OpenApiResponse(description="参数有误（中文 detail 说明哪个参数）"),
    404: OpenApiResponse(description="地区代码不存在"),
}


def _table_args(
    request: Request, filters: type[s.AnalyticsTableFilterSerializer]
) -> dict[str, Any]:
    """Validate the query; decide the region, the year and whether suppression applies."""
    form = filters(data=request.query_params)
    form.is_valid(raise_exception=True)
    data = dict(form.validated_data)
    region = region_resolve(data.pop("region"))
    year = data.pop("year", None)
    if year is None:
        # The latest year with both demand and graduates, else the latest with any figures.
        years = selectors.aligned_years(region=region) or selectors.analytics_years(region=region)
        year = years[-1] if years else None
    public = data.pop("public") or not user_can_see_unsuppressed(request.user, region)
    return {"region": region, "year": year, "public": public, **data}


def _envelope(args: dict[str, Any], results: list[Any]) -> dict[str, Any]:
    region = args["region"]
    return {**args, "region": {"code": region.code, "name": region.name}, "results": results}


def _demand(args: dict[str, Any]) -> list[selectors.DemandRow]:
    return [] if args["year"] is None else selectors.demand_table(**args)


def _supply_demand(args: dict[str, Any]) -> list[selectors.SupplyDemandRow]:
    return [] if args["year"] is None else selectors.supply_demand_table(**args)


def _csv_response(filename: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell(value: Any, hidden: bool) -> str:
    return "" if hidden or value is None else str(value)


class DemandTableApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[s.AnalyticsDemandFilterSerializer],
        responses={200: s.AnalyticsDemandTableSerializer, **ERRORS},
        summary="岗位需求表（按行业或职业分组的需求人数与信息条数）",
        description="需求人数按岗位数量（未填按 1 人）计；" + PUBLIC_NOTE,
    )
    def get(self, request: Request) -> Response:
        args = _table_args(request, s.AnalyticsDemandFilterSerializer)
        return Response(s.AnalyticsDemandTableSerializer(_envelope(args, _demand(args))).data)


class SupplyTableApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[s.AnalyticsTableFilterSerializer],
        responses={200: s.AnalyticsSupplyTableSerializer, **ERRORS},
        summary="人才供给表（按专业的毕业生数、招生数与开设学校数）",
        description=PUBLIC_NOTE,
    )
    def get(self, request: Request) -> Response:
        args = _table_args(request, s.AnalyticsTableFilterSerializer)
        rows = [] if args["year"] is None else selectors.supply_table(**args)
        return Response(s.AnalyticsSupplyTableSerializer(_envelope(args, rows)).data)


class SupplyDemandTableApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[s.AnalyticsSupplyDemandFilterSerializer],
        responses={200: s.AnalyticsSupplyDemandTableSerializer, **ERRORS},
        summary="供需对比表（需求、供给、缺口与供需比，按专业或职业）",
        description="毕业生按专业—职业对应关系的权重分摊到各职业，需求同样分摊到各专业，"
        "不重复计数。" + PUBLIC_NOTE,
    )
    def get(self, request: Request) -> Response:
        args = _table_args(request, s.AnalyticsSupplyDemandFilterSerializer)
        return Response(
            s.AnalyticsSupplyDemandTableSerializer(_envelope(args, _supply_demand(args))).data
        )


_CSV_RESPONSES: dict[int | tuple[int, str], Any] = {
    (200, "text/csv"): OpenApiTypes.BINARY,
    **ERRORS,
}


class DemandExportApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[s.AnalyticsDemandFilterSerializer],
        responses=_CSV_RESPONSES,
        summary="导出公开口径的岗位需求表（CSV）",
        description="总是按公开口径导出：被抑制的格子为空，“是否抑制”列为“是”。",
    )
    def get(self, request: Request) -> HttpResponse:
        args = {**_table_args(request, s.AnalyticsDemandFilterSerializer), "public": True}
        rows = [
            [
                r.code,
                r.name,
                _cell(r.openings, r.suppressed),
                _cell(r.postings, r.suppressed),
                "是" if r.suppressed else "",
            ]
            for r in _demand(args)
        ]
        name = f"demand-{args['region'].code}-{args['year']}-{args['by']}.csv"
        return _csv_response(name, ["代码", "名称", "需求人数", "信息条数", "是否抑制"], rows)


class SupplyDemandExportApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[s.AnalyticsSupplyDemandFilterSerializer],
        responses=_CSV_RESPONSES,
        summary="导出公开口径的供需对比表（CSV）",
        description="总是按公开口径导出：被抑制的行不含数字，“是否抑制”列为“是”。",
    )
    def get(self, request: Request) -> HttpResponse:
        args = {**_table_args(request, s.AnalyticsSupplyDemandFilterSerializer), "public": True}
        rows = [
            [
                r.code,
                r.name,
                _cell(r.demand, r.suppressed),
                _cell(r.supply, r.suppressed),
                _cell(r.gap, r.suppressed),
                _cell(r.ratio, r.suppressed),
                "是" if r.suppressed else "",
            ]
            for r in _supply_demand(args)
        ]
        name = f"supply-demand-{args['region'].code}-{args['year']}-{args['by']}.csv"
        header = ["代码", "名称", "需求", "供给", "缺口", "供需比", "是否抑制"]
        return _csv_response(name, header, rows)


class FillStateListApi(APIView):
    @extend_schema(
        responses={
            200: s.AnalyticsFillStateSerializer(many=True),
            403: OpenApiResponse(description="无权查看"),
        },
        summary="统计表填充状态（平台工作人员与政府管理员）",
    )
    def get(self, request: Request) -> Response:
        if not user_can_see_fill_state(request.user):
            raise PermissionDeniedError("只有平台工作人员和政府管理员可以查看统计表填充状态。")
        return Response(s.AnalyticsFillStateSerializer(selectors.fill_state_list(), many=True).data)
