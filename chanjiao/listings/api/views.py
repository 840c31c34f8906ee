"""HTTP API for supply and demand items: list, create, edit, review, reports, consents."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.common.pagination import DefaultPagination, PublicListPagination
from chanjiao.common.users import acting_user
from chanjiao.listings import services
from chanjiao.listings.api.serializers import (
    ConsentInputSerializer,
    ConsentOutputSerializer,
    ListingCreateInputSerializer,
    ListingDetailOutputSerializer,
    ListingEventOutputSerializer,
    ListingFilterSerializer,
    ListingOutputSerializer,
    ReasonInputSerializer,
    ReportInputSerializer,
)
from chanjiao.listings.display import personal_access_ids
from chanjiao.listings.kinds import KINDS, kind_spec
from chanjiao.listings.models import Listing, ProfileConsent
from chanjiao.listings.permissions import user_can_edit_listing, user_can_review_listing
from chanjiao.listings.rows import listing_rows
from chanjiao.listings.selectors import (
    ListingFilters,
    listing_get_for_user,
    listing_history,
    listing_list,
    listing_list_for_organizations,
    review_queue,
    review_queue_counts,
)
from chanjiao.listings.validation import listing_form_class, listing_form_data, listing_values_clean
from chanjiao.organizations.selectors import organization_get_for_user

RESERVED_INPUT = frozenset({"kind", "organization", "details"})


def _flatten_input(data: Any) -> dict[str, Any]:
    flat = {k: v for k, v in data.items() if k not in RESERVED_INPUT}
    details = data.get("details") or {}
    if not isinstance(details, dict):
        raise ApplicationError("details 应为对象。", extra={"fields": {"details": ["应为对象。"]}})
    flat.update(details)
    return flat


def _filters(request: Request) -> ListingFilters:
    serializer = ListingFilterSerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return ListingFilters.from_mapping(serializer.validated_data)


def paginated_listings(
    request: Request,
    view: APIView,
    queryset: Any,
    pagination: type[DefaultPagination] = DefaultPagination,
) -> Response:
    """Return one page of items, with personal fields shown only where the viewer has the right.

    The page's ids come from the queryset (filters, visibility, order); the items are then read
    as plain values by id (``listing_rows``), which costs a fraction of building model instances.
    """
    paginator = pagination()
    ids = queryset.select_related(None).prefetch_related(None).values_list("pk", flat=True)
    page = listing_rows(paginator.paginate_queryset(ids, request, view=view) or [])
    context = {"request": request, "personal_ids": personal_access_ids(request.user, page)}
    data = ListingOutputSerializer(page, many=True, context=context).data
    return paginator.get_paginated_response(data)


def listing_response(
    request: Request, listing: Listing, code: int = status.HTTP_200_OK
) -> Response:
    context = {
        "personal_ids": personal_access_ids(request.user, [listing]),
        "actor": request.user,
    }
    return Response(ListingDetailOutputSerializer(listing, context=context).data, status=code)


class ListingListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = PublicListPagination
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        parameters=[ListingFilterSerializer],
        responses=ListingOutputSerializer(many=True),
        summary="供需信息列表",
    )
    def get(self, request: Request) -> Response:
        qs = listing_list(fetched_by=request.user, filters=_filters(request))
        # The browsing list: its total may be a minute old; "mine" and the review queue are exact.
        return paginated_listings(request, self, qs, PublicListPagination)

    @extend_schema(
        request=ListingCreateInputSerializer,
        responses={201: ListingDetailOutputSerializer},
        summary="新建供需信息（草稿）",
        description="除 kind、organization 外，其余字段按信息类型而定，见 /api/v1/listing-kinds/；"
        "类型专有字段可放在 details 对象中，也可与通用字段平铺。",
    )
    def post(self, request: Request) -> Response:
        head = ListingCreateInputSerializer(data=request.data)
        head.is_valid(raise_exception=True)
        spec = kind_spec(head.validated_data["kind"])
        organization = None
        if head.validated_data.get("organization"):
            organization = organization_get_for_user(
                user=request.user, organization_id=head.validated_data["organization"]
            )
        values = listing_values_clean(spec, _flatten_input(request.data))
        listing = services.listing_create(
            actor=acting_user(request), spec=spec, organization=organization, values=values
        )
        return listing_response(request, listing, status.HTTP_201_CREATED)


class ListingDetailApi(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses=ListingDetailOutputSerializer, summary="供需信息详情")
    def get(self, request: Request, listing_id: int) -> Response:
        return listing_response(
            request, listing_get_for_user(user=request.user, listing_id=listing_id)
        )

    @extend_schema(
        request=inline_serializer(
            "ListingUpdateInput", {"details": serializers.DictField(required=False)}
        ),
        responses=ListingDetailOutputSerializer,
        summary="修改供需信息（已发布的信息将重新进入审核）",
    )
    def patch(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)
        services.listing_update_check(actor=acting_user(request), listing=listing)
        merged = {**_editable_data(listing), **_flatten_input(request.data)}
        values = listing_values_clean(listing.spec, merged)
        listing = services.listing_update(
            actor=acting_user(request), listing=listing, values=values
        )
        return listing_response(
            request, listing_get_for_user(user=request.user, listing_id=listing.pk)
        )


def _editable_data(listing: Listing) -> dict[str, Any]:
    data = listing_form_data(listing)
    return {
        k: (v.isoformat() if hasattr(v, "isoformat") else v)
        for k, v in data.items()
        if v is not None
    }


def _transition_view(name: str, summary: str, with_reason: bool) -> type[APIView]:
    action = getattr(services, f"listing_{name}")

    class _TransitionApi(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            request=ReasonInputSerializer if with_reason else None,
            responses=ListingDetailOutputSerializer,
            summary=summary,
        )
        def post(self, request: Request, listing_id: int) -> Response:
            listing = listing_get_for_user(user=request.user, listing_id=listing_id)
            kwargs: dict[str, Any] = {"actor": acting_user(request), "listing": listing}
            if with_reason:
                body = ReasonInputSerializer(data=request.data)
                body.is_valid(raise_exception=True)
                kwargs["reason"] = body.validated_data.get("reason", "")
            listing = action(**kwargs)
            return listing_response(
                request, listing_get_for_user(user=request.user, listing_id=listing.pk)
            )

    _TransitionApi.__name__ = _TransitionApi.__qualname__ = f"Listing{name.title()}Api"
    return _TransitionApi


ListingSubmitApi = _transition_view("submit", "提交审核", with_reason=False)
ListingApproveApi = _transition_view("approve", "审核通过（发布）", with_reason=False)
ListingRejectApi = _transition_view("reject", "审核驳回（须填写原因）", with_reason=True)
ListingCloseApi = _transition_view("close", "关闭信息", with_reason=True)


class ListingReportApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ReportInputSerializer,
        responses={
            201: inline_serializer(
                "ListingReportOutput",
                {"id": serializers.IntegerField(), "status": serializers.CharField()},
            )
        },
        summary="举报信息（虚假招聘、收费、歧视等）",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)
        body = ReportInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.listing_report(
            actor=acting_user(request), listing=listing, **body.validated_data
        )
        return Response({"id": report.pk, "status": report.status}, status=status.HTTP_201_CREATED)


class ListingHistoryApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=ListingEventOutputSerializer(many=True), summary="信息历史（发布方与审核员可见）"
    )
    def get(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)

        if not (
            user_can_edit_listing(request.user, listing)
            or user_can_review_listing(request.user, listing)
        ):
            raise NotFoundError("信息不存在或您无权查看。")
        return Response(
            ListingEventOutputSerializer(listing_history(listing=listing), many=True).data
        )


class ListingPersonalDataApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "ListingPersonalDataOutput", {"contact_phone": serializers.CharField()}
        ),
        summary="查看完整个人信息（需本人授权，每次查看均记录）",
    )
    def get(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)
        return Response(services.listing_personal_data_get(viewer=request.user, listing=listing))


class ListingMineApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[ListingFilterSerializer],
        responses=ListingOutputSerializer(many=True),
        summary="本机构的信息（全部状态）",
    )
    def get(self, request: Request) -> Response:
        qs = listing_list_for_organizations(fetched_by=request.user, filters=_filters(request))
        return paginated_listings(request, self, qs)


class ReviewQueueApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[ListingFilterSerializer],
        responses=ListingOutputSerializer(many=True),
        summary="审核队列（本地区待审核信息，被举报的在前）",
    )
    def get(self, request: Request) -> Response:
        qs = review_queue(fetched_by=acting_user(request), filters=_filters(request))
        response = paginated_listings(request, self, qs)
        response.data["counts"] = review_queue_counts(fetched_by=acting_user(request))
        return response


class ListingConsentListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ConsentOutputSerializer(many=True), summary="我的求职档案授权记录")
    def get(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)
        if listing.author_id != request.user.pk:
            raise NotFoundError("信息不存在或您无权查看。")
        consents = listing.consents.select_related("organization")
        return Response(ConsentOutputSerializer(consents, many=True).data)

    @extend_schema(
        request=ConsentInputSerializer,
        responses={201: ConsentOutputSerializer},
        summary="授权某单位查看我的求职档案（单独同意）",
    )
    def post(self, request: Request, listing_id: int) -> Response:
        listing = listing_get_for_user(user=request.user, listing_id=listing_id)
        body = ConsentInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organization, application_for = None, None
        if body.validated_data.get("application_for"):
            application_for = listing_get_for_user(
                user=request.user, listing_id=body.validated_data["application_for"]
            )
        elif body.validated_data.get("organization"):
            organization = organization_get_for_user(
                user=request.user, organization_id=body.validated_data["organization"]
            )
        consent = services.profile_consent_grant(
            actor=acting_user(request),
            profile=listing,
            organization=organization,
            application_for=application_for,
        )
        return Response(ConsentOutputSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentWithdrawApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=ConsentOutputSerializer, summary="撤回授权")
    def post(self, request: Request, consent_id: int) -> Response:
        consent = ProfileConsent.objects.filter(
            pk=consent_id, profile__author=acting_user(request)
        ).first()
        if consent is None:
            raise NotFoundError("授权记录不存在。")
        consent = services.profile_consent_withdraw(actor=acting_user(request), consent=consent)
        return Response(ConsentOutputSerializer(consent).data)


class ListingKindListApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "ListingKindOutput",
            {"kind": serializers.CharField(), "label": serializers.CharField()},
            many=True,
        ),
        parameters=[OpenApiParameter("kind", str, required=False)],
        summary="信息类型及其字段说明",
    )
    def get(self, request: Request) -> Response:
        result = []
        for key, spec in KINDS.items():
            form = listing_form_class(key)()
            fields = [
                {
                    "name": name,
                    "label": str(field.label),
                    "required": field.required,
                    "choices": [list(c) for c in getattr(field, "choices", []) if c[0] != ""],
                    "in_details": spec.detail(name) is not None,
                    "is_personal": bool((detail := spec.detail(name)) and detail.is_personal),
                }
                for name, field in form.fields.items()
            ]
            result.append(
                {
                    "kind": key,
                    "label": spec.label,
                    "is_personal": spec.is_personal,
                    "directions": [d.value for d in spec.directions],
                    "org_types": sorted(spec.org_types),
                    "fields": fields,
                }
            )
        return Response(result)
