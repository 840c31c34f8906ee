"""HTTP API of the talent-demand forecasts (public reading; small series suppressed)."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.forecasting.api.serializers import (
    ForecastComputeAcceptedSerializer,
    ForecastViewSerializer,
    LocalityForecastSerializer,
    ShortageRankSerializer,
)
from chanjiao.forecasting.explanations import METHOD_PARAGRAPHS, run_summary_text
from chanjiao.forecasting.models import ForecastLevel
from chanjiao.forecasting.selectors import forecast_view, localities_with_forecasts
from chanjiao.forecasting.services import forecasts_compute_request
from chanjiao.localities.selectors import locality_find

LEVEL_PARAMETER = OpenApiParameter(
    "level",
    str,
    enum=list(ForecastLevel.values),
    description="预测对象：occupation_group（职业中类，默认）或 industry（行业门类）",
)


def _level(request: Request) -> str:
    level = request.query_params.get("level", ForecastLevel.OCCUPATION_GROUP)
    if level not in ForecastLevel.values:
        message = "level 只能是 occupation_group 或 industry。"
        raise ApplicationError(message, extra={"fields": {"level": [message]}})
    return level


class ForecastLocalityListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=LocalityForecastSerializer(many=True), summary="各地区最近一次需求预测"
    )
    def get(self, request: Request) -> Response:
        return Response(LocalityForecastSerializer(localities_with_forecasts(), many=True).data)


class ForecastDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[LEVEL_PARAMETER],
        responses=ForecastViewSerializer,
        summary="某地区的需求预测（序列、预测区间、回测、紧缺职业排名）",
        description="locality_code 为地区名称或行政区划代码（如 4504）。非本地区政府人员看到的"
        "是公开版本：任一年度计数小于 5 的序列数值为 null、suppressed=true。",
    )
    def get(self, request: Request, locality_code: str) -> Response:
        locality = locality_find(locality_code)
        view = forecast_view(locality=locality, level=_level(request), fetched_by=request.user)
        data: dict[str, Any] = {
            **view.__dict__,
            "level_label": view.level_label,
            "method": list(METHOD_PARAGRAPHS),
            "summary": run_summary_text(view.run) if view.run else "",
        }
        return Response(ForecastViewSerializer(data).data)


class ForecastShortageListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=ShortageRankSerializer(many=True), summary="紧缺职业排名（含上期排名）"
    )
    def get(self, request: Request, locality_code: str) -> Response:
        locality = locality_find(locality_code)
        view = forecast_view(
            locality=locality, level=ForecastLevel.OCCUPATION_GROUP, fetched_by=request.user
        )
        return Response(ShortageRankSerializer(view.shortage, many=True).data)


class ForecastComputeApi(APIView):
    @extend_schema(
        request=None,
        responses={202: ForecastComputeAcceptedSerializer},
        summary="重新计算某地区的需求预测（后台任务；本地区政府人员或平台运维）",
    )
    def post(self, request: Request, locality_code: str) -> Response:
        locality = locality_find(locality_code)
        forecasts_compute_request(locality=locality, actor=acting_user(request))
        message = f"已提交{locality.name}需求预测的重新计算，完成后刷新页面即可看到新结果。"
        return Response({"message": message}, status=status.HTTP_202_ACCEPTED)
