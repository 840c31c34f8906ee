"""HTTP API of the reports: the yearly report's data as JSON (public or internal version)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import ApplicationError
from chanjiao.localities.selectors import locality_find
from chanjiao.reports.api.serializers import ReportDataSerializer
from chanjiao.reports.generators import YearlySupplyDemandReport, yearly_charts
from chanjiao.reports.services import VERSIONS, report_generator_for


class ReportDataApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "version",
                str,
                enum=list(VERSIONS),
                description="auto（默认：本地区政府人员得到内部版，其他人公开版）、internal、public",
            )
        ],
        responses=ReportDataSerializer,
        summary="年度技能人才供需报告的数据（JSON）",
        description="locality_code 为地区名称或行政区划代码（如 4504）。公开版中小于 5 的计数为 "
        "null（suppressed=true），不列出预警学校名称；internal 仅本地区政府人员与平台运维可取。",
    )
    def get(self, request: Request, locality_code: str, year: int) -> Response:
        locality = locality_find(locality_code)
        version = request.query_params.get("version", "auto")
        if version not in VERSIONS:
            message = "version 只能是 auto、internal 或 public。"
            raise ApplicationError(message, extra={"fields": {"version": [message]}})
        generator = report_generator_for(
            kind=YearlySupplyDemandReport.code,
            locality=locality,
            year=year,
            user=request.user,
            version=version,
        )
        assert isinstance(generator, YearlySupplyDemandReport)  # noqa: S101 - kind is yearly
        data = generator.data(user=request.user)
        base = f"/analytics/reports/{locality.region.code}/{year}"
        payload = {
            **data.__dict__,
            "title": generator.title,
            "shortage": data.shortage,
            "forecast_run": data.forecast.run if data.forecast else None,
            "charts": yearly_charts(data),
            "html_url": f"{base}.html",
            "pdf_url": f"{base}.pdf",
        }
        return Response(ReportDataSerializer(payload).data)
