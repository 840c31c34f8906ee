"""The recognition API: programmes, recognitions and their steps, evidence, objections, incentives,
investments and the credit estimate; the public directory (认证目录), notices and targets.

Programmes, the directory, the notices under 公示 and the targets are open to anonymous readers;
everything else needs a signed-in user, and the services check the rights (refusals audited).
"""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.api_fields import IdField
from chanjiao.common.exceptions import NotFoundError, field_refusal
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import Organization
from chanjiao.recognition import services
from chanjiao.recognition.api import serializers as s
from chanjiao.recognition.models import Condition, Programme, RecognitionState
from chanjiao.recognition.selectors import (
    credit_estimate,
    directory_list,
    objection_get_for_user,
    programme_get,
    programme_list,
    recognition_get_for_user,
    recognition_list,
    recognitions_in_notice,
    target_progress,
)


def _locality(value: Any) -> Locality | None:
    if value is None:
        return None
    locality = Locality.objects.select_related("region").filter(pk=value).first()
    if locality is None:
        raise field_refusal("locality", "该地区不存在。")
    return locality


def _programme(value: Any) -> Programme | None:
    if value is None:
        return None
    programme = Programme.objects.select_related("locality__region").filter(pk=value).first()
    if programme is None:
        raise field_refusal("programme", "该认定项目不存在。")
    return programme


def _detail(request: Request, recognition_id: int, *, code: int = 200) -> Response:
    recognition = recognition_get_for_user(acting_user(request), recognition_id)
    data = s.RecognitionDetailOutputSerializer(recognition, context={"request": request}).data
    return Response(data, status=code)


class LocalityFilterSerializer(serializers.Serializer):
    locality = IdField(required=False)


class ProgrammeListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[LocalityFilterSerializer],
        responses=s.ProgrammeOutputSerializer(many=True),
        summary="认定项目（各地区的产教融合型企业、校企合作基地、名师基地等，含条件及依据条款）",
    )
    def get(self, request: Request) -> Response:
        filters = LocalityFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = programme_list(locality=_locality(filters.validated_data.get("locality")))
        return get_paginated_response(
            serializer_class=s.ProgrammeOutputSerializer, queryset=qs, request=request, view=self
        )


class ProgrammeDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.ProgrammeOutputSerializer, summary="认定项目详情")
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get(programme_id=programme_id)
        return Response(s.ProgrammeOutputSerializer(programme).data)


class RecognitionFilterSerializer(LocalityFilterSerializer):
    status = serializers.ChoiceField(choices=RecognitionState.choices, required=False)
    programme = IdField(required=False)


class RecognitionListCreateApi(APIView):
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[RecognitionFilterSerializer],
        responses=s.RecognitionOutputSerializer(many=True),
        summary="我可见的认定申报（本机构的；主管部门：本地区的）",
    )
    def get(self, request: Request) -> Response:
        filters = RecognitionFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        qs = recognition_list(
            fetched_by=acting_user(request),
            status=data.get("status"),
            programme=_programme(data.get("programme")),
            locality=_locality(data.get("locality")),
        )
        return get_paginated_response(
            serializer_class=s.RecognitionOutputSerializer, queryset=qs, request=request, view=self
        )

    @extend_schema(
        request=s.ReserveInputSerializer,
        responses={201: s.RecognitionDetailOutputSerializer},
        summary="入库（进入信息储备库）：机构本身或本地区主管部门",
    )
    def post(self, request: Request) -> Response:
        serializer = s.ReserveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        programme = _programme(data["programme"])
        organization = (
            Organization.objects.select_related("region").filter(pk=data["organization"]).first()
        )
        if organization is None:
            raise field_refusal("organization", "该机构不存在。")
        assert programme is not None  # noqa: S101 - _programme refuses a missing id
        recognition = services.recognition_reserve(
            actor=acting_user(request), programme=programme, organization=organization
        )
        return _detail(request, recognition.pk, code=status.HTTP_201_CREATED)


class RecognitionDetailApi(APIView):
    @extend_schema(
        responses=s.RecognitionDetailOutputSerializer,
        summary="申报详情：阶段、各条件的平台记录与材料、缺少的材料、评分、公示异议、历史",
    )
    def get(self, request: Request, recognition_id: int) -> Response:
        return _detail(request, recognition_id)


class RecognitionApplyApi(APIView):
    @extend_schema(
        request=s.ApplyInputSerializer,
        responses=s.RecognitionDetailOutputSerializer,
        summary="提交申报（机构管理员或信息员）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.ApplyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.recognition_apply(
            actor=user, recognition=recognition, statement=serializer.validated_data["statement"]
        )
        return _detail(request, recognition_id)


class RecognitionTransitionApi(APIView):
    @extend_schema(
        request=s.StepInputSerializer,
        responses=s.RecognitionDetailOutputSerializer,
        summary="初审通过、退回补正、不予通过、开始公示、认定、撤销、退出（附意见）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.StepInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.recognition_step(actor=user, recognition=recognition, **serializer.validated_data)
        return _detail(request, recognition_id)


class RecognitionReviewApi(APIView):
    @extend_schema(
        request=s.ReviewInputSerializer,
        responses=s.RecognitionDetailOutputSerializer,
        summary="复核/评审：逐项评分并通过（初审以外的本地区政府管理员）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.ReviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        scores = [
            services.ScoreInput(condition_id=i["condition"], score=i["score"], comment=i["comment"])
            for i in data["scores"]
        ]
        services.recognition_review(
            actor=user, recognition=recognition, scores=scores, comment=data["comment"]
        )
        return _detail(request, recognition_id)


class RecognitionRecheckApi(APIView):
    @extend_schema(
        request=s.RecheckInputSerializer,
        responses=s.RecognitionDetailOutputSerializer,
        summary="年度复核：合格保留认定；不合格撤销（须写原因）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.RecheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.recognition_recheck(
            actor=user, recognition=recognition, **serializer.validated_data
        )
        return _detail(request, recognition_id)


class RecognitionAttachmentApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.AttachmentInputSerializer},
        responses={201: s.AttachmentOutputSerializer},
        summary="上传申报材料（平台无法掌握的情况，可对应某一条件）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.AttachmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        condition = None
        if data["condition"] is not None:
            condition = Condition.objects.filter(pk=data["condition"]).first()
            if condition is None:
                raise field_refusal("condition", "该条件不存在。")
        attachment = services.attachment_add(
            actor=user,
            recognition=recognition,
            upload=data["file"],
            condition=condition,
            description=data["description"],
        )
        return Response(s.AttachmentOutputSerializer(attachment).data, status=201)


class ObjectionCreateApi(APIView):
    @extend_schema(
        request=s.ObjectionInputSerializer,
        responses={201: s.ObjectionOutputSerializer},
        summary="对公示中的申报提出异议（登录用户）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        recognition = recognitions_in_notice().filter(pk=recognition_id).first()
        if recognition is None:
            raise NotFoundError("该申报不在公示中。")
        serializer = s.ObjectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objection = services.objection_file(
            actor=acting_user(request), recognition=recognition, **serializer.validated_data
        )
        return Response(s.ObjectionOutputSerializer(objection).data, status=201)


class ObjectionResolveApi(APIView):
    @extend_schema(
        request=s.ResolveInputSerializer,
        responses=s.ObjectionOutputSerializer,
        summary="处理公示异议（本地区政府管理员）",
    )
    def post(self, request: Request, objection_id: int) -> Response:
        user = acting_user(request)
        objection = objection_get_for_user(user, objection_id)
        serializer = s.ResolveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objection = services.objection_resolve(
            actor=user, objection=objection, **serializer.validated_data
        )
        return Response(s.ObjectionOutputSerializer(objection).data)


class IncentiveApi(APIView):
    pagination_class = DefaultPagination

    @extend_schema(
        responses=s.IncentiveOutputSerializer(many=True), summary="激励台账（已认定机构）"
    )
    def get(self, request: Request, recognition_id: int) -> Response:
        recognition = recognition_get_for_user(acting_user(request), recognition_id)
        return get_paginated_response(
            serializer_class=s.IncentiveOutputSerializer,
            queryset=recognition.incentives.all(),
            request=request,
            view=self,
        )

    @extend_schema(
        request=s.IncentiveInputSerializer,
        responses={201: s.IncentiveOutputSerializer},
        summary="登记激励（技改/项目优先、专项资金、金融、财政、土地、信用）",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.IncentiveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.incentive_record(
            actor=user, recognition=recognition, **serializer.validated_data
        )
        return Response(s.IncentiveOutputSerializer(entry).data, status=201)


class InvestmentApi(APIView):
    @extend_schema(
        responses=s.CreditEstimateSerializer,
        summary="教育费附加抵免估算（按申报的投资额与应缴附加逐年计算，以税务机关核定为准）",
    )
    def get(self, request: Request, recognition_id: int) -> Response:
        recognition = recognition_get_for_user(acting_user(request), recognition_id)
        estimate = credit_estimate(recognition)
        if estimate is None:
            raise NotFoundError("本项目的政策没有教育费附加抵免。")
        return Response(s.CreditEstimateSerializer(estimate).data)

    @extend_schema(
        request=s.InvestmentInputSerializer,
        responses={201: s.CreditEstimateSerializer},
        summary="申报某年度兴办职业教育的投资额及当年应缴教育费附加和地方教育附加",
    )
    def post(self, request: Request, recognition_id: int) -> Response:
        user = acting_user(request)
        recognition = recognition_get_for_user(user, recognition_id)
        serializer = s.InvestmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.investment_declare(
            actor=user, recognition=recognition, **serializer.validated_data
        )
        estimate = credit_estimate(recognition)
        return Response(s.CreditEstimateSerializer(estimate).data, status=201)


class DirectoryFilterSerializer(LocalityFilterSerializer):
    programme = IdField(required=False)
    q = serializers.CharField(required=False, max_length=50, allow_blank=True)


class DirectoryApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[DirectoryFilterSerializer],
        responses=s.DirectoryEntrySerializer(many=True),
        summary="认证目录：已认定且在有效期内的机构（公开；已失效、退出、撤销的不在目录中）",
    )
    def get(self, request: Request) -> Response:
        filters = DirectoryFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        qs: QuerySet[Any] = directory_list(
            locality=_locality(data.get("locality")),
            programme=_programme(data.get("programme")),
            q=(data.get("q") or "").strip(),
        )
        return get_paginated_response(
            serializer_class=s.DirectoryEntrySerializer, queryset=qs, request=request, view=self
        )


class NoticeListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = DefaultPagination

    @extend_schema(
        parameters=[LocalityFilterSerializer],
        responses=s.NoticeEntrySerializer(many=True),
        summary="公示中的认定申报（公开，公示期内可提出异议）",
    )
    def get(self, request: Request) -> Response:
        filters = LocalityFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        qs = recognitions_in_notice(locality=_locality(filters.validated_data.get("locality")))
        return get_paginated_response(
            serializer_class=s.NoticeEntrySerializer, queryset=qs, request=request, view=self
        )


class TargetFilterSerializer(serializers.Serializer):
    locality = IdField()


class TargetApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[TargetFilterSerializer],
        responses=s.TargetSerializer(many=True),
        summary="地区各认定项目的目标与认证目录中的数量（按年度）",
    )
    def get(self, request: Request) -> Response:
        filters = TargetFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        locality = _locality(filters.validated_data["locality"])
        assert locality is not None  # noqa: S101 - required field
        return Response(s.TargetSerializer(target_progress(locality=locality), many=True).data)
