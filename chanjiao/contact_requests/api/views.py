"""The contact requests API: ask a school, the sent and received lists, one request, its steps."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.audit.services import audit_refusal
from chanjiao.catalogs.models import Major
from chanjiao.common.api_fields import IdField
from chanjiao.common.exceptions import ApplicationError, field_refusal
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.contact_requests.api.serializers import (
    CohortSerializer,
    ContactRequestDetailOutputSerializer,
    ContactRequestInputSerializer,
    ContactRequestOutputSerializer,
)
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.permissions import (
    requesting_organizations,
    user_can_see_contact_person,
)
from chanjiao.contact_requests.selectors import (
    contact_request_cohorts,
    contact_request_get_for_user,
    contact_request_received_list,
    contact_request_sent_list,
)
from chanjiao.contact_requests.services import (
    CREATE_ACTION,
    REQUESTER_REFUSAL,
    contact_person_get,
    contact_request_accept,
    contact_request_create,
    contact_request_decline,
    contact_request_withdraw,
)
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization

MANY_ORGANIZATIONS = "以哪个单位的名义：您为多个单位工作，请指定单位编号。"
NOT_YOURS = "以哪个单位的名义：请选择您担任机构管理员或信息员的单位。"


def _detail_response(request: Request, item: ContactRequest, *, code: int = 200) -> Response:
    """The detail shape; the contact person only for the requesting organisation (audited)."""
    context: dict[str, Any] = {"request": request}
    viewer = acting_user(request)
    if user_can_see_contact_person(viewer, item):
        context["contact"] = contact_person_get(viewer=viewer, request=item)
    return Response(ContactRequestDetailOutputSerializer(item, context=context).data, status=code)


def _enterprise(request: Request, enterprise_id: int | None) -> Organization:
    actor = acting_user(request)
    organizations = requesting_organizations(actor)
    if not organizations:
        audit_refusal(actor=actor, action=CREATE_ACTION, message=REQUESTER_REFUSAL)
    if enterprise_id is None:
        if len(organizations) > 1:
            raise field_refusal("enterprise", MANY_ORGANIZATIONS)
        return organizations[0]
    found = next((o for o in organizations if o.pk == enterprise_id), None)
    if found is None:
        raise field_refusal("enterprise", NOT_YOURS)
    return found


class ContactRequestCreateApi(APIView):
    @extend_schema(
        request=ContactRequestInputSerializer,
        responses={201: ContactRequestDetailOutputSerializer},
        summary="联系学校：请求某专业、某届的毕业生",
    )
    def post(self, request: Request) -> Response:
        serializer = ContactRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        enterprise = _enterprise(request, data.get("enterprise"))
        school = Organization.objects.filter(pk=data["school"]).first()
        if school is None:
            raise field_refusal("school", "学校：未找到该学校。")
        major = Major.objects.filter(pk=data["major"]).first()
        if major is None:
            raise field_refusal("major", "专业：未找到该专业。")
        listing: Listing | None = None
        if data.get("source_listing"):
            listing = Listing.objects.filter(pk=data["source_listing"]).first()
            if listing is None:
                raise field_refusal("source_listing", "来源信息：未找到该信息。")
        created = contact_request_create(
            actor=acting_user(request),
            enterprise=enterprise,
            school=school,
            major=major,
            graduation_year=data["graduation_year"],
            message=data.get("message") or "",
            headcount=data.get("headcount"),
            source_listing=listing,
        )
        return _detail_response(request, created, code=status.HTTP_201_CREATED)


class ContactRequestSentListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(serializers.Serializer):
        state = serializers.ChoiceField(
            choices=ContactRequestState.choices,
            required=False,
            error_messages={"invalid_choice": "状态 {input} 无效。"},
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses=ContactRequestOutputSerializer(many=True),
        summary="本单位发出的联系请求（最新在前）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        requests = contact_request_sent_list(
            fetched_by=acting_user(request), state=filters.validated_data.get("state", "")
        )
        return get_paginated_response(
            serializer_class=ContactRequestOutputSerializer,
            queryset=requests,
            request=request,
            view=self,
        )


class ContactRequestReceivedListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(serializers.Serializer):
        school = IdField(required=False)
        state = serializers.ChoiceField(
            choices=ContactRequestState.choices,
            required=False,
            error_messages={"invalid_choice": "状态 {input} 无效。"},
        )
        major = IdField(required=False, help_text="专业编号")
        year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=ContactRequestOutputSerializer(many=True),
        summary="本校收到的联系请求（可按状态、专业、届别筛选）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        requests = contact_request_received_list(
            fetched_by=acting_user(request),
            school_id=data.get("school"),
            state=data.get("state", ""),
            major_id=data.get("major"),
            graduation_year=data.get("year"),
        )
        return get_paginated_response(
            serializer_class=ContactRequestOutputSerializer,
            queryset=requests,
            request=request,
            view=self,
        )


class ContactRequestCohortListApi(APIView):
    class FilterSerializer(serializers.Serializer):
        school = IdField(required=False)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=CohortSerializer(many=True),
        summary="本校收到的联系请求：按专业和届别统计",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        cohorts = contact_request_cohorts(
            fetched_by=acting_user(request), school_id=filters.validated_data.get("school")
        )
        return Response(CohortSerializer(cohorts, many=True).data)


class ContactRequestDetailApi(APIView):
    @extend_schema(
        responses=ContactRequestDetailOutputSerializer,
        summary="联系请求详情（学校联系人仅向提出请求的单位返回，记入审计日志）",
    )
    def get(self, request: Request, request_id: int) -> Response:
        item = contact_request_get_for_user(user=acting_user(request), request_id=request_id)
        return _detail_response(request, item)


class ContactRequestTransitionApi(APIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.ChoiceField(
            choices=[("accept", "接受"), ("decline", "婉拒"), ("withdraw", "撤回")],
            error_messages={"invalid_choice": "操作 {input} 无效。"},
        )
        contact_name = serializers.CharField(required=False, allow_blank=True, max_length=50)
        contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
        contact_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
        contact_note = serializers.CharField(required=False, allow_blank=True, max_length=500)
        reason = serializers.CharField(required=False, allow_blank=True, max_length=500)

    @extend_schema(
        request=InputSerializer,
        responses=ContactRequestDetailOutputSerializer,
        summary="答复或撤回联系请求（accept 需联系人及电话或邮箱；decline 可附原因）",
    )
    def post(self, request: Request, request_id: int) -> Response:
        actor = acting_user(request)
        item = contact_request_get_for_user(user=actor, request_id=request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        name = data["name"]
        if name == "accept":
            item = contact_request_accept(
                actor=actor,
                request=item,
                contact_name=data.get("contact_name", ""),
                contact_phone=data.get("contact_phone", ""),
                contact_email=data.get("contact_email", ""),
                contact_note=data.get("contact_note", ""),
            )
        elif name == "decline":
            item = contact_request_decline(actor=actor, request=item, reason=data.get("reason", ""))
        elif name == "withdraw":
            item = contact_request_withdraw(actor=actor, request=item)
        else:  # pragma: no cover - the serializer allows the three names only
            raise ApplicationError("操作无效。")
        return _detail_response(request, item)
