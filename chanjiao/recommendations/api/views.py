"""HTTP API of the recommender: lists per subject, 'not relevant' feedback, the opt-out."""

from dataclasses import asdict

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import field_refusal
from chanjiao.common.users import acting_user
from chanjiao.recommendations import selectors, services


class RecommendedItemSerializer(serializers.Serializer):
    recommendation_id = serializers.IntegerField(allow_null=True)
    target_type = serializers.CharField()
    target_id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    organization_name = serializers.CharField()
    region_name = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class NeighbourOccupationSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    posts = serializers.IntegerField()
    url = serializers.CharField()


class RecommendationPageSerializer(serializers.Serializer):
    subject_title = serializers.CharField()
    group_label = serializers.CharField()
    is_personalised = serializers.BooleanField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    items = RecommendedItemSerializer(many=True)
    fitting_count = serializers.IntegerField(
        allow_null=True, help_text="与专业对口的岗位数（学生与届别对象）"
    )
    shortage_message = serializers.CharField(help_text="对口岗位不足 10 个时的说明，否则为空")
    neighbours = NeighbourOccupationSerializer(many=True, help_text="相近职业及其检索链接")


class PreferenceSerializer(serializers.Serializer):
    is_personalised = serializers.BooleanField()


LIMIT = OpenApiParameter(
    "limit", {"type": "integer", "minimum": 1, "maximum": 50}, description="条数（1–50，默认 20）"
)


def _limit(request: Request) -> int:
    """The asked number of recommendations (20 when not given); anything but 1–50 is a 400."""
    raw = request.query_params.get("limit", "")
    if raw == "":
        return 20
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= 50:
        raise field_refusal("limit", "条数应为 1 到 50 之间的整数。")
    return limit


def _page(request: Request, ref: selectors.SubjectRef) -> Response:
    page = selectors.recommendation_page(user=acting_user(request), ref=ref, limit=_limit(request))
    return Response(RecommendationPageSerializer(asdict(page)).data)


class MyRecommendationListApi(APIView):
    @extend_schema(
        parameters=[LIMIT], responses=RecommendationPageSerializer, summary="为我推荐（学生档案）"
    )
    def get(self, request: Request) -> Response:
        return _page(request, selectors.student_subject_for_user(user=acting_user(request)))


class ListingRecommendationListApi(APIView):
    @extend_schema(
        parameters=[LIMIT],
        responses=RecommendationPageSerializer,
        summary="为本机构/本人的一条信息推荐",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        ref = selectors.listing_subject_for_user(user=acting_user(request), listing_id=listing_id)
        return _page(request, ref)


class CohortRecommendationListApi(APIView):
    @extend_schema(
        parameters=[LIMIT],
        responses=RecommendationPageSerializer,
        summary="为学校某专业某届毕业生推荐岗位",
    )
    def get(self, request: Request, school_id: int, major_id: int, year: int) -> Response:
        ref = selectors.cohort_subject_for_user(
            user=acting_user(request), school_id=school_id, major_id=major_id, year=year
        )
        return _page(request, ref)


class RecommendationDismissApi(APIView):
    @extend_schema(request=None, responses={204: None}, summary="标记推荐“不相关”")
    def post(self, request: Request, recommendation_id: int) -> Response:
        row = selectors.recommendation_get_for_user(
            user=acting_user(request), recommendation_id=recommendation_id
        )
        services.recommendation_feedback_record(user=acting_user(request), recommendation=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecommendationPreferenceApi(APIView):
    @extend_schema(responses=PreferenceSerializer, summary="个性化推荐设置")
    def get(self, request: Request) -> Response:
        value = selectors.user_is_personalised(acting_user(request))
        return Response({"is_personalised": value})

    @extend_schema(
        request=PreferenceSerializer, responses=PreferenceSerializer, summary="开启/关闭个性化推荐"
    )
    def put(self, request: Request) -> Response:
        data = PreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pref = services.recommendation_preference_set(
            user=acting_user(request), is_personalised=data.validated_data["is_personalised"]
        )
        return Response({"is_personalised": pref.is_personalised})
