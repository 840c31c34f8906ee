"""The internships API: placements and their steps, the agreement, insurance, weekly logs,
comments, incidents, evaluations, alerts and the 2 % quota.

The same selectors and services as any page: a placement is visible to its student, the school,
the enterprise, its mentors and the bureau of its region; anyone else gets 404.
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application
from chanjiao.common.exceptions import NotFoundError, field_refusal
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.internships import services
from chanjiao.internships.api import serializers as s
from chanjiao.internships.models import Agreement, Placement, PlacementKind, PlacementState
from chanjiao.internships.selectors import (
    alert_get_for_user,
    alert_list,
    incident_get_for_user,
    placement_get_for_user,
    placement_list,
    quota_for_user,
    weekly_log_get_for_user,
)
from chanjiao.listings.models import Listing
from chanjiao.localities.selectors import locality_find
from chanjiao.organizations.models import Organization


def _user_or_refuse(field: str, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise field_refusal(field, "该用户不存在。")
    return user


def _values(data: dict[str, Any]) -> services.PlacementInput:
    names = set(services.placements.INPUT_FIELDS) - {"school_mentor", "enterprise_mentor"}
    return services.PlacementInput(
        **{name: data[name] for name in names},
        school_mentor=_user_or_refuse("school_mentor", data.get("school_mentor")),
        enterprise_mentor=_user_or_refuse("enterprise_mentor", data.get("enterprise_mentor")),
    )


def _students(entries: list[dict[str, Any]]) -> list[services.StudentEntry]:
    found = {u.pk: u for u in User.objects.filter(pk__in=[e["student"] for e in entries])}
    result = []
    for entry in entries:
        user = found.get(entry["student"])
        if user is None:
            raise field_refusal("students", f"学生 {entry['student']} 不存在。")
        result.append(services.StudentEntry(student=user, birth_date=entry.get("birth_date")))
    return result


def _detail(request: Request, placement: Placement) -> dict[str, Any]:
    return dict(s.PlacementDetailOutputSerializer(placement, context={"request": request}).data)


class PlacementFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlacementState.choices, required=False)
    kind = serializers.ChoiceField(choices=PlacementKind.choices, required=False)


class PlacementListCreateApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[PlacementFilterSerializer],
        responses=s.PlacementOutputSerializer(many=True),
        summary="我可见的实习安排（学生姓名、电话按身份打码）",
    )
    def get(self, request: Request) -> Response:
        filters = PlacementFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        placements = placement_list(fetched_by=acting_user(request), **filters.validated_data)
        return get_paginated_response(
            serializer_class=s.PlacementOutputSerializer,
            queryset=placements,
            request=request,
            view=self,
        )

    @extend_schema(
        request=s.PlacementCreateInputSerializer,
        responses={201: s.PlacementDetailOutputSerializer(many=True)},
        summary="安排实习（一名或一组学生，每人一条；录入即核对实习红线）",
    )
    def post(self, request: Request) -> Response:
        serializer = s.PlacementCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        placements = services.placement_create(
            actor=acting_user(request),
            values=_values(data),
            students=_students(data["students"]),
            enterprise=_row(Organization, data.get("enterprise"), "enterprise", "实习单位"),
            listing=_row(Listing, data.get("listing"), "listing", "实习岗位"),
            application=_row(Application, data.get("application"), "application", "投递"),
        )
        body = [_detail(request, placement) for placement in placements]
        return Response(body, status=status.HTTP_201_CREATED)


def _row(model: Any, pk: int | None, field: str, label: str) -> Any:
    if pk is None:
        return None
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise field_refusal(field, f"{label} {pk} 不存在。")
    return row


class PlacementDetailApi(APIView):
    @extend_schema(responses=s.PlacementDetailOutputSerializer, summary="一条实习安排")
    def get(self, request: Request, placement_id: int) -> Response:
        placement = placement_get_for_user(acting_user(request), placement_id)
        return Response(_detail(request, placement))

    @extend_schema(
        request=s.PlacementValuesSerializer,
        responses=s.PlacementDetailOutputSerializer,
        summary="修改实习安排（开始前违反红线即拒绝；实习中如实记录并预警）",
    )
    def put(self, request: Request, placement_id: int) -> Response:
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        serializer = s.PlacementValuesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        placement = services.placement_update(
            actor=user, placement=placement, values=_values(serializer.validated_data)
        )
        return Response(_detail(request, placement_get_for_user(user, placement.pk)))


class PlacementTransitionApi(APIView):
    @extend_schema(
        request=s.PlacementTransitionInputSerializer,
        responses=s.PlacementDetailOutputSerializer,
        summary="实习安排的一步：开始实习、实习完成、提前终止（须填原因）、取消",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.PlacementTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        placement = services.placement_transition(
            actor=user,
            placement=placement,
            name=serializer.validated_data["name"],
            reason=serializer.validated_data["reason"],
        )
        return Response(_detail(request, placement))


def _agreement(placement: Placement) -> Agreement:
    agreement = Agreement.objects.filter(placement=placement).first()
    if agreement is None:
        raise NotFoundError("该实习安排尚未生成三方协议。")
    return agreement


class AgreementApi(APIView):
    @extend_schema(responses=s.AgreementOutputSerializer, summary="实习安排的三方协议及各方确认")
    def get(self, request: Request, placement_id: int) -> Response:
        placement = placement_get_for_user(acting_user(request), placement_id)
        return Response(s.AgreementOutputSerializer(_agreement(placement)).data)

    @extend_schema(
        request=None,
        responses={201: s.AgreementOutputSerializer},
        summary="按地区模板生成三方协议（学校）",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        agreement = services.agreement_create(actor=user, placement=placement)
        return Response(s.AgreementOutputSerializer(agreement).data, status=status.HTTP_201_CREATED)


class AgreementConfirmApi(APIView):
    @extend_schema(
        request=s.AgreementConfirmInputSerializer,
        responses=s.AgreementOutputSerializer,
        summary="确认三方协议：学生本人、学校、实习单位；监护人的确认由学校记录",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.AgreementConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        agreement = services.agreement_confirm(
            actor=user,
            placement=placement,
            role=serializer.validated_data["role"],
            guardian_name=serializer.validated_data["guardian_name"],
        )
        agreement.refresh_from_db()
        return Response(s.AgreementOutputSerializer(agreement).data)


class AgreementFileApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": s.AgreementFileInputSerializer},
        responses=s.AgreementOutputSerializer,
        summary="上传已签三方协议扫描件",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.AgreementFileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        agreement = services.agreement_file_attach(
            actor=user, placement=placement, upload=serializer.validated_data["file"]
        )
        return Response(s.AgreementOutputSerializer(agreement).data)


class InsuranceCreateApi(APIView):
    @extend_schema(
        request=s.InsuranceInputSerializer,
        responses={201: s.InsuranceOutputSerializer},
        summary="登记实习保险（实习责任保险、意外伤害保险）及其覆盖的实习安排",
    )
    def post(self, request: Request) -> Response:
        serializer = s.InsuranceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = acting_user(request)
        placements = [placement_get_for_user(user, pk) for pk in dict.fromkeys(data["placements"])]
        policy = services.insurance_create(
            actor=user,
            values=services.InsuranceInput(
                kind=data["kind"],
                insurer=data["insurer"],
                policy_number=data["policy_number"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            ),
            placements=placements,
        )
        return Response(s.InsuranceOutputSerializer(policy).data, status=status.HTTP_201_CREATED)


class WeeklyLogApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(responses=s.WeeklyLogOutputSerializer(many=True), summary="实习周志（最新在前）")
    def get(self, request: Request, placement_id: int) -> Response:
        placement = placement_get_for_user(acting_user(request), placement_id)
        logs = placement.weekly_logs.prefetch_related("comments").order_by("-week_start", "-pk")
        return get_paginated_response(
            serializer_class=s.WeeklyLogOutputSerializer, queryset=logs, request=request, view=self
        )

    @extend_schema(
        request=s.WeeklyLogInputSerializer,
        responses={201: s.WeeklyLogOutputSerializer},
        summary="学生填写本周周志（每周一篇，仅实习中；超时、夜班等即预警）",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.WeeklyLogInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        log = services.weekly_log_submit(
            actor=user,
            placement=placement,
            values=services.WeeklyLogInput(**serializer.validated_data),
        )
        return Response(s.WeeklyLogOutputSerializer(log).data, status=status.HTTP_201_CREATED)


class LogCommentCreateApi(APIView):
    @extend_schema(
        request=s.LogCommentSerializer,
        responses={201: s.LogCommentSerializer},
        summary="指导教师点评周志（学校或企业指导教师）",
    )
    def post(self, request: Request, log_id: int) -> Response:
        serializer = s.LogCommentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        log = weekly_log_get_for_user(user, log_id)
        comment = services.log_comment_add(
            actor=user, log=log, body=serializer.validated_data["body"]
        )
        return Response(s.LogCommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class IncidentApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(responses=s.IncidentOutputSerializer(many=True), summary="实习突发事件")
    def get(self, request: Request, placement_id: int) -> Response:
        placement = placement_get_for_user(acting_user(request), placement_id)
        incidents = placement.incidents.select_related("placement").order_by("-created_at", "-pk")
        return get_paginated_response(
            serializer_class=s.IncidentOutputSerializer,
            queryset=incidents,
            request=request,
            view=self,
        )

    @extend_schema(
        request=s.IncidentInputSerializer,
        responses={201: s.IncidentOutputSerializer},
        summary="报告突发事件（受伤、拖欠报酬、侵害/不当对待等），即时通知学校与教育局",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        incident = services.incident_report(
            actor=user,
            placement=placement,
            values=services.IncidentInput(**serializer.validated_data),
        )
        output = s.IncidentOutputSerializer(incident, context={"request": request})
        return Response(output.data, status=status.HTTP_201_CREATED)


class IncidentTransitionApi(APIView):
    @extend_schema(
        request=s.IncidentTransitionInputSerializer,
        responses=s.IncidentOutputSerializer,
        summary="处理或关闭突发事件（须填处理说明）",
    )
    def post(self, request: Request, incident_id: int) -> Response:
        serializer = s.IncidentTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        incident = incident_get_for_user(user, incident_id)
        incident = services.incident_transition(
            actor=user,
            incident=incident,
            name=serializer.validated_data["name"],
            note=serializer.validated_data["note"],
        )
        return Response(s.IncidentOutputSerializer(incident, context={"request": request}).data)


class EvaluationApi(APIView):
    @extend_schema(responses=s.EvaluationOutputSerializer(many=True), summary="实习评价")
    def get(self, request: Request, placement_id: int) -> Response:
        placement = placement_get_for_user(acting_user(request), placement_id)
        return Response(
            s.EvaluationOutputSerializer(
                placement.evaluations.order_by("direction"), many=True
            ).data
        )

    @extend_schema(
        request=s.EvaluationInputSerializer,
        responses={201: s.EvaluationOutputSerializer},
        summary="提交评价（学校评学生、单位评学生、学生评单位；实习结束后各一次）",
    )
    def post(self, request: Request, placement_id: int) -> Response:
        serializer = s.EvaluationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        placement = placement_get_for_user(user, placement_id)
        evaluation = services.evaluation_submit(
            actor=user, placement=placement, **serializer.validated_data
        )
        return Response(
            s.EvaluationOutputSerializer(evaluation).data, status=status.HTTP_201_CREATED
        )


class AlertFilterSerializer(serializers.Serializer):
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)


class AlertListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[AlertFilterSerializer],
        responses=s.AlertOutputSerializer(many=True),
        summary="实习违规预警（我可见的实习安排）",
    )
    def get(self, request: Request) -> Response:
        filters = AlertFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        alerts = alert_list(
            fetched_by=acting_user(request), is_open=filters.validated_data.get("is_open")
        )
        return get_paginated_response(
            serializer_class=s.AlertOutputSerializer, queryset=alerts, request=request, view=self
        )


class AlertResolveApi(APIView):
    @extend_schema(
        request=s.AlertResolveInputSerializer,
        responses=s.AlertOutputSerializer,
        summary="处理预警（学校或教育局）",
    )
    def post(self, request: Request, alert_id: int) -> Response:
        serializer = s.AlertResolveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = acting_user(request)
        alert = alert_get_for_user(user, alert_id)
        alert = services.alert_resolve(
            actor=user, alert=alert, note=serializer.validated_data["note"]
        )
        return Response(s.AlertOutputSerializer(alert).data)


class QuotaApi(APIView):
    @extend_schema(
        parameters=[s.QuotaFilterSerializer],
        responses=s.QuotaOutputSerializer,
        summary="规模以上企业实习岗位比例（如梧州：职工总数的2%）：应设、已提供、已安排、缺口",
    )
    def get(self, request: Request) -> Response:
        filters = s.QuotaFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        locality = locality_find(filters.validated_data["locality"])
        year = filters.validated_data.get("year") or timezone.localdate().year
        report = quota_for_user(acting_user(request), locality, year)
        parameter = report.parameter
        message = (
            ""
            if parameter is not None
            else f"{locality.name}的地区配置没有规定规模以上企业实习岗位比例，无法计算。"
        )
        body = {
            "locality": locality,
            "year": year,
            "available": parameter is not None,
            "message": message,
            "share_percent": report.share,
            "clause": "" if parameter is None else parameter.clause,
            "rows": report.rows,
        }
        return Response(s.QuotaOutputSerializer(body).data)
