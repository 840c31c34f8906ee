from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.selectors import membership_list
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.pagination import get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.organizations.api.serializers import (
    MembershipOutputSerializer,
    OrganizationInputSerializer,
    OrganizationOutputSerializer,
    SchoolMajorOutputSerializer,
)
from chanjiao.organizations.models import OrganizationType
from chanjiao.organizations.permissions import user_can_administer_organization
from chanjiao.organizations.selectors import organization_get_for_user, organization_list
from chanjiao.organizations.services import (
    membership_add,
    organization_create,
    organization_update,
    organization_verify,
    school_major_add,
)


class ReadPublicWriteAuthenticated(AllowAny):
    """Anyone may read; writing needs a signed-in user (the service then checks the rights)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS") or bool(
            request.user and request.user.is_authenticated
        )


class OrganizationListApi(APIView):
    permission_classes = [ReadPublicWriteAuthenticated]

    class FilterSerializer(serializers.Serializer):
        type = serializers.ChoiceField(
            choices=OrganizationType.choices,
            required=False,
            error_messages={"invalid_choice": "机构类型 {input} 无效。"},
        )
        region = serializers.RegexField(
            r"^\d{2,6}$", required=False, error_messages={"invalid": "地区代码应为2—6位数字。"}
        )
        q = serializers.CharField(required=False, max_length=100)
        ordering = serializers.ChoiceField(
            choices=[
                "name",
                "-name",
                "created_at",
                "-created_at",
                "employee_count",
                "-employee_count",
            ],
            required=False,
            default="name",
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OrganizationOutputSerializer(many=True),
        summary="机构名录",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        qs = organization_list(
            fetched_by=request.user,
            org_type=data.get("type"),
            region_code=data.get("region"),
            query=data.get("q"),
            ordering=data["ordering"],
        )
        return get_paginated_response(
            serializer_class=OrganizationOutputSerializer, queryset=qs, request=request, view=self
        )

    @extend_schema(
        request=OrganizationInputSerializer,
        responses=OrganizationOutputSerializer,
        summary="登记机构（平台管理员或本地区政府管理员）",
    )
    def post(self, request: Request) -> Response:
        serializer = OrganizationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = organization_create(
            actor=acting_user(request), data=serializer.validated_data
        )
        return Response(
            OrganizationOutputSerializer(organization).data, status=status.HTTP_201_CREATED
        )


class OrganizationDetailApi(APIView):
    permission_classes = [ReadPublicWriteAuthenticated]

    @extend_schema(responses=OrganizationOutputSerializer, summary="机构详情")
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        return Response(OrganizationOutputSerializer(organization).data)

    @extend_schema(
        request=OrganizationInputSerializer,
        responses=OrganizationOutputSerializer,
        summary="修改机构信息",
    )
    def patch(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        serializer = OrganizationInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        organization = organization_update(
            actor=acting_user(request), organization=organization, data=serializer.validated_data
        )
        return Response(OrganizationOutputSerializer(organization).data)


class OrganizationVerifyApi(APIView):
    class InputSerializer(serializers.Serializer):
        is_verified = serializers.BooleanField(default=True)

    @extend_schema(
        request=InputSerializer, responses=OrganizationOutputSerializer, summary="认证机构"
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = organization_verify(
            actor=acting_user(request),
            organization=organization,
            is_verified=serializer.validated_data["is_verified"],
        )
        return Response(OrganizationOutputSerializer(organization).data)


class SchoolMajorListApi(APIView):
    permission_classes = [ReadPublicWriteAuthenticated]

    class InputSerializer(serializers.Serializer):
        major_id = serializers.IntegerField()
        year = serializers.IntegerField(
            min_value=1990,
            max_value=2100,
            error_messages={
                "min_value": "年度不能早于1990年。",
                "max_value": "年度不能晚于2100年。",
            },
        )
        planned_enrollment = serializers.IntegerField(min_value=0, required=False, allow_null=True)

    @extend_schema(responses=SchoolMajorOutputSerializer(many=True), summary="学校开设专业")
    def get(self, request: Request, organization_id: int) -> Response:
        school = organization_get_for_user(user=request.user, organization_id=organization_id)
        qs = school.school_majors.select_related("major").order_by("-year", "major__code")
        return get_paginated_response(
            serializer_class=SchoolMajorOutputSerializer, queryset=qs, request=request, view=self
        )

    @extend_schema(
        request=InputSerializer, responses=SchoolMajorOutputSerializer, summary="登记专业点"
    )
    def post(self, request: Request, organization_id: int) -> Response:
        school = organization_get_for_user(user=request.user, organization_id=organization_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = serializer.validated_data
        major = get_object_or_404(Major, pk=data["major_id"])
        school_major = school_major_add(
            actor=acting_user(request),
            school=school,
            major=major,
            year=data["year"],
            planned_enrollment=data.get("planned_enrollment"),
        )
        return Response(
            SchoolMajorOutputSerializer(school_major).data, status=status.HTTP_201_CREATED
        )


class MembershipListApi(APIView):
    class InputSerializer(serializers.Serializer):
        username = serializers.CharField()
        role = serializers.ChoiceField(
            choices=Role.choices, error_messages={"invalid_choice": "角色 {input} 无效。"}
        )

    @extend_schema(
        responses=MembershipOutputSerializer(many=True), summary="机构成员（个人信息已脱敏）"
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        if not user_can_administer_organization(request.user, organization):
            raise PermissionDeniedError("只有机构管理员可以查看成员名单。")
        return get_paginated_response(
            serializer_class=MembershipOutputSerializer,
            queryset=membership_list(organization_id=organization.pk),
            request=request,
            view=self,
        )

    @extend_schema(
        request=InputSerializer, responses=MembershipOutputSerializer, summary="添加机构成员"
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = get_object_or_404(User, username=serializer.validated_data["username"])
        membership = membership_add(
            actor=acting_user(request),
            organization=organization,
            user=user,
            role=serializer.validated_data["role"],
        )
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)
