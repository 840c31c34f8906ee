"""HTTP API of the crosswalk: title classification, browsing links, staff edits."""

from typing import Any, cast

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.crosswalk import services
from chanjiao.crosswalk.api import serializers as s
from chanjiao.crosswalk.browsing import major_crosswalk_get, occupation_crosswalk_get
from chanjiao.crosswalk.classifier import classifier_version, occupation_classify
from chanjiao.crosswalk.models import IndustryLink, MajorLink
from chanjiao.listings.models import Listing


class _ConfiguredRate:
    """Read the scope's rate from the settings at each request (DRF reads it once, at import)."""

    scope: str

    def get_rate(self) -> str | None:
        # The stubs type the settings dict's values as ``object``; a rate is a string, or None
        # where the operator turned the throttle off.
        rates = cast(dict[str, str | None], settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
        return rates[self.scope]


class ClassifyAnonThrottle(_ConfiguredRate, AnonRateThrottle):
    scope = "crosswalk_classify_anon"


class ClassifyUserThrottle(_ConfiguredRate, UserRateThrottle):
    scope = "crosswalk_classify_user"


class OccupationClassifyApi(APIView):
    # Public: the catalogue is public and a title reveals nothing personal; publishers use it
    # before logging in. Throttled because each call costs CPU.
    permission_classes = [AllowAny]
    throttle_classes = [ClassifyAnonThrottle, ClassifyUserThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter("title", str, required=True, description="职位标题（最多 200 字）"),
            OpenApiParameter("description", str, description="职位描述（可选）"),
        ],
        responses=s.OccupationGuessSerializer,
        summary="按职业分类大典为职位标题分类",
    )
    def get(self, request: Request) -> Response:
        params = s.ClassifyFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        guess = occupation_classify(
            params.validated_data["title"], params.validated_data["description"]
        )
        data = {
            "code": guess.code,
            "name": guess.name,
            "level": guess.level,
            "confidence": guess.confidence,
            "candidates": [{"code": c, "name": n, "score": v} for c, n, v in guess.candidates],
            "classifier_version": classifier_version(),
        }
        return Response(s.OccupationGuessSerializer(data).data)


class CrosswalkMajorApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=s.MajorCrosswalkOutputSerializer, summary="专业的职业对应（按依据分组）"
    )
    def get(self, request: Request, major_id: int) -> Response:
        return Response(
            s.MajorCrosswalkOutputSerializer(major_crosswalk_get(major_id=major_id)).data
        )


class CrosswalkOccupationApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=s.OccupationCrosswalkOutputSerializer, summary="职业对应的专业与行业")
    def get(self, request: Request, occupation_id: int) -> Response:
        crosswalk = occupation_crosswalk_get(occupation_id=occupation_id)
        return Response(s.OccupationCrosswalkOutputSerializer(crosswalk).data)


def _get(model: Any, message: str, **lookup: Any) -> Any:
    row = model.objects.filter(**lookup).first()
    if row is None:
        raise NotFoundError(message)
    return row


def _occupation(code: str) -> Occupation:
    return _get(Occupation, f"职业代码 {code} 不存在。", code=code.strip(), is_active=True)


class MajorLinkCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.MajorLinkInputSerializer,
        responses={201: s.MajorPlatformOccupationSerializer},
        summary="新增人工维护的专业—职业对应（平台工作人员）",
    )
    def post(self, request: Request) -> Response:
        data = s.MajorLinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        link = services.major_link_add(
            actor=request.user,
            major=_get(Major, "专业不存在。", pk=values["major_id"]),
            occupation=_occupation(values["occupation_code"]),
            note=values["note"],
        )
        output = s.MajorPlatformOccupationSerializer(link).data
        return Response(output, status=status.HTTP_201_CREATED)


class MajorLinkActionApi(APIView):
    permission_classes = [IsAuthenticated]
    action = ""

    @extend_schema(
        request=s.CrosswalkNoteInputSerializer,
        responses=s.MajorPlatformOccupationSerializer,
        summary="删除人工对应，或确认/否决推断对应（平台工作人员）",
    )
    def post(self, request: Request, link_id: int) -> Response:
        data = s.CrosswalkNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = data.validated_data["note"]
        link = _get(MajorLink, "对应关系不存在。", pk=link_id)
        if self.action == "remove":
            link = services.major_link_remove(actor=request.user, link=link, note=note)
        elif self.action in services.REVIEW_DECISIONS:
            link = services.major_link_review(
                actor=request.user, link=link, decision=self.action, note=note
            )
        else:
            raise ApplicationError("不支持的操作。")
        return Response(s.MajorPlatformOccupationSerializer(link).data)


class IndustryLinkCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.IndustryLinkInputSerializer,
        responses={201: s.IndustryLinkOutputSerializer},
        summary="新增人工维护的职业—行业对应（平台工作人员）",
    )
    def post(self, request: Request) -> Response:
        data = s.IndustryLinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        code = values["industry_code"].strip()
        link = services.industry_link_add(
            actor=request.user,
            occupation=_occupation(values["occupation_code"]),
            industry=_get(Industry, f"行业代码 {code} 不存在。", code=code, is_active=True),
            note=values["note"],
        )
        return Response(s.IndustryLinkOutputSerializer(link).data, status=status.HTTP_201_CREATED)


class IndustryLinkRemoveApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.CrosswalkNoteInputSerializer,
        responses=s.IndustryLinkOutputSerializer,
        summary="删除职业—行业对应（平台工作人员）",
    )
    def post(self, request: Request, link_id: int) -> Response:
        data = s.CrosswalkNoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = _get(IndustryLink, "对应关系不存在。", pk=link_id)
        link = services.industry_link_remove(
            actor=request.user, link=link, note=data.validated_data["note"]
        )
        return Response(s.IndustryLinkOutputSerializer(link).data)


def _fine_occupation(value: str) -> Occupation:
    """Resolve a 细类 by code or by exact name, with a clear message."""
    value = value.strip()
    fine = Occupation.objects.filter(is_active=True, level=Occupation.Level.OCCUPATION)
    found = list(fine.filter(code=value)[:1]) or list(fine.filter(name=value)[:2])
    if len(found) == 1:
        return found[0]
    if found:
        raise ApplicationError(f"职业（occupation）：名称“{value}”对应多个细类，请填写职业代码。")
    raise ApplicationError(f"职业（occupation）：“{value}”不是现行细类的代码或名称。")


class ListingOccupationCorrectApi(APIView):
    """Reviewers of a post and platform staff correct its occupation (recorded as a label)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.ListingOccupationCorrectInputSerializer,
        responses={200: s.ListingOccupationCorrectOutputSerializer},
        summary="校订信息的职业（审核人员、平台工作人员），记为已确认标注",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        data = s.ListingOccupationCorrectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = _get(Listing, "信息不存在。", pk=listing_id)
        label = services.listing_occupation_correct(
            actor=request.user,
            listing=listing,
            occupation=_fine_occupation(data.validated_data["occupation"]),
        )
        listing.refresh_from_db()
        output = {
            "listing_id": listing.pk,
            "occupation_code": label.occupation.code,
            "occupation_name": label.occupation.name,
            "occupation_source": listing.occupation_source,
            "label_source": label.source,
        }
        return Response(s.ListingOccupationCorrectOutputSerializer(output).data)
