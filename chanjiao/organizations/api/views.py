from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.registration import AccountInput
from chanjiao.accounts.selectors import membership_list
from chanjiao.catalogs.models import Major
from chanjiao.common.api_fields import CountField, IdField
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.organizations.api.serializers import (
    GovernmentBodyInputSerializer,
    InvitationAccountInputSerializer,
    InvitationCreatedSerializer,
    InvitationInputSerializer,
    InvitationOutputSerializer,
    InvitationPublicSerializer,
    MembershipOutputSerializer,
    MembershipRoleInputSerializer,
    OrganizationInputSerializer,
    OrganizationOutputSerializer,
    OrganizationRegisterInputSerializer,
    OrganizationReturnInputSerializer,
    QueueOrganizationSerializer,
    SchoolMajorOutputSerializer,
    VerificationRecordSerializer,
)
from chanjiao.organizations.government import government_body_create
from chanjiao.organizations.invitations import (
    invitation_accept,
    invitation_create,
    invitation_decline,
    invitation_register_and_accept,
    invitation_revoke,
)
from chanjiao.organizations.members import (
    membership_get_for_organization,
    membership_remove,
    membership_role_change,
)
from chanjiao.organizations.models import Invitation, OrganizationType
from chanjiao.organizations.permissions import (
    user_can_administer_organization,
    user_can_manage_members,
    user_can_verify_organization,
)
from chanjiao.organizations.registration import organization_register
from chanjiao.organizations.selectors import (
    government_bodies_managed,
    invitation_get_by_token,
    invitations_pending_for_user,
    organization_get_for_user,
    organization_history,
    organization_invitations_pending,
    organization_list,
    organizations_pending_verification,
)
from chanjiao.organizations.services import (
    organization_create,
    organization_resubmit,
    organization_return,
    organization_update,
    organization_verify,
    school_major_add,
)


class OrganizationListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticatedOrReadOnly]

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
    permission_classes = [IsAuthenticatedOrReadOnly]

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
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticatedOrReadOnly]

    class InputSerializer(serializers.Serializer):
        major_id = IdField()
        year = serializers.IntegerField(
            min_value=1990,
            max_value=2100,
            error_messages={
                "min_value": "年度不能早于1990年。",
                "max_value": "年度不能晚于2100年。",
            },
        )
        planned_enrollment = CountField(required=False, allow_null=True)

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
    """The members of an organisation. Nobody is added here: people join by invitation."""

    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        responses=MembershipOutputSerializer(many=True), summary="机构成员（个人信息已脱敏）"
    )
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        if not user_can_manage_members(request.user, organization):
            raise PermissionDeniedError("只有机构管理员可以查看成员名单。")
        return get_paginated_response(
            serializer_class=MembershipOutputSerializer,
            queryset=membership_list(organization_id=organization.pk),
            request=request,
            view=self,
        )


# Sign-up and verification ------------------------------------------------------------------------

ACCOUNT_FIELDS = ("username", "password", "email", "real_name", "phone")


class OrganizationRegisterApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=OrganizationRegisterInputSerializer,
        responses=OrganizationOutputSerializer,
        summary="机构入驻（注册机构及其机构管理员账号）",
    )
    def post(self, request: Request) -> Response:
        serializer = OrganizationRegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        account = AccountInput(**{name: data.pop(name) for name in ACCOUNT_FIELDS})
        organization, _user = organization_register(organization=data, account=account)
        return Response(
            OrganizationOutputSerializer(organization).data, status=status.HTTP_201_CREATED
        )


class VerificationQueueApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        responses=QueueOrganizationSerializer(many=True),
        summary="待认证机构（本地区，先到先审）",
    )
    def get(self, request: Request) -> Response:
        return get_paginated_response(
            serializer_class=QueueOrganizationSerializer,
            queryset=organizations_pending_verification(acting_user(request)),
            request=request,
            view=self,
        )


class OrganizationReturnApi(APIView):
    @extend_schema(
        request=OrganizationReturnInputSerializer,
        responses=OrganizationOutputSerializer,
        summary="退回机构认证申请（须填写原因）",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        serializer = OrganizationReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = organization_return(
            actor=acting_user(request),
            organization=organization,
            reason=serializer.validated_data["reason"],
        )
        return Response(OrganizationOutputSerializer(organization).data)


class OrganizationResubmitApi(APIView):
    @extend_schema(
        request=None, responses=OrganizationOutputSerializer, summary="更正后重新提交认证"
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        organization = organization_resubmit(actor=acting_user(request), organization=organization)
        return Response(OrganizationOutputSerializer(organization).data)


class OrganizationHistoryApi(APIView):
    @extend_schema(responses=VerificationRecordSerializer(many=True), summary="机构认证记录")
    def get(self, request: Request, organization_id: int) -> Response:
        organization = organization_get_for_user(user=request.user, organization_id=organization_id)
        user = acting_user(request)
        if not (
            user_can_administer_organization(user, organization)
            or user_can_verify_organization(user, organization)
        ):
            raise PermissionDeniedError("只有该机构的管理员或该地区的审核员可以查看认证记录。")
        records = organization_history(organization)
        return Response(VerificationRecordSerializer(records, many=True).data)


# Members and invitations -------------------------------------------------------------------------


def _organization_for_members(request: Request, organization_id: int) -> Any:
    return organization_get_for_user(user=request.user, organization_id=organization_id)


class MembershipDetailApi(APIView):
    @extend_schema(
        request=MembershipRoleInputSerializer,
        responses=MembershipOutputSerializer,
        summary="更改成员角色",
    )
    def patch(self, request: Request, organization_id: int, membership_id: int) -> Response:
        organization = _organization_for_members(request, organization_id)
        membership = membership_get_for_organization(
            organization=organization, membership_id=membership_id
        )
        serializer = MembershipRoleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = membership_role_change(
            actor=acting_user(request),
            membership=membership,
            role=serializer.validated_data["role"],
        )
        return Response(MembershipOutputSerializer(membership).data)

    @extend_schema(request=None, responses={204: None}, summary="移出机构成员")
    def delete(self, request: Request, organization_id: int, membership_id: int) -> Response:
        organization = _organization_for_members(request, organization_id)
        membership = membership_get_for_organization(
            organization=organization, membership_id=membership_id
        )
        membership_remove(actor=acting_user(request), membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(responses=InvitationOutputSerializer(many=True), summary="机构待接受的邀请")
    def get(self, request: Request, organization_id: int) -> Response:
        organization = _organization_for_members(request, organization_id)
        if not user_can_manage_members(request.user, organization):
            raise PermissionDeniedError("只有机构管理员可以查看邀请。")
        return get_paginated_response(
            serializer_class=InvitationOutputSerializer,
            queryset=organization_invitations_pending(organization),
            request=request,
            view=self,
        )

    @extend_schema(
        request=InvitationInputSerializer,
        responses={201: InvitationCreatedSerializer},
        summary="邀请成员（发邮件，或生成一次性链接）",
    )
    def post(self, request: Request, organization_id: int) -> Response:
        organization = _organization_for_members(request, organization_id)
        serializer = InvitationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = invitation_create(
            actor=acting_user(request),
            organization=organization,
            role=serializer.validated_data["role"],
            email=serializer.validated_data["email"],
            site_url=request.build_absolute_uri("/"),
        )
        body = dict(InvitationOutputSerializer(created.invitation).data)
        body["link"] = request.build_absolute_uri(created.path)  # the only copy of the token
        return Response(body, status=status.HTTP_201_CREATED)


class InvitationDetailApi(APIView):
    @extend_schema(
        request=None,
        responses={200: InvitationOutputSerializer},
        summary="撤回邀请（答复撤回后的邀请）",
    )
    def delete(self, request: Request, organization_id: int, invitation_id: int) -> Response:
        organization = _organization_for_members(request, organization_id)
        invitation = get_object_or_404(
            Invitation.objects.select_related("organization__region"),
            pk=invitation_id,
            organization=organization,
        )
        invitation = invitation_revoke(actor=acting_user(request), invitation=invitation)
        return Response(InvitationOutputSerializer(invitation).data)


class MyInvitationsApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(
        responses=InvitationOutputSerializer(many=True), summary="发给我的邀请（待接受）"
    )
    def get(self, request: Request) -> Response:
        return get_paginated_response(
            serializer_class=InvitationOutputSerializer,
            queryset=invitations_pending_for_user(acting_user(request)),
            request=request,
            view=self,
        )


class InvitationTokenApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=InvitationPublicSerializer, summary="查看邀请（机构与角色）")
    def get(self, request: Request, token: str) -> Response:
        return Response(InvitationPublicSerializer(invitation_get_by_token(token)).data)


class InvitationAcceptApi(APIView):
    @extend_schema(request=None, responses=MembershipOutputSerializer, summary="接受邀请")
    def post(self, request: Request, token: str) -> Response:
        membership = invitation_accept(actor=acting_user(request), token=token)
        return Response(MembershipOutputSerializer(membership).data)


class InvitationDeclineApi(APIView):
    @extend_schema(request=None, responses=InvitationPublicSerializer, summary="拒绝邀请")
    def post(self, request: Request, token: str) -> Response:
        invitation = invitation_decline(actor=acting_user(request), token=token)
        return Response(InvitationPublicSerializer(invitation).data)


class InvitationRegisterApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=InvitationAccountInputSerializer,
        responses=MembershipOutputSerializer,
        summary="注册账号并接受邀请",
    )
    def post(self, request: Request, token: str) -> Response:
        serializer = InvitationAccountInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = invitation_register_and_accept(
            token=token, account=AccountInput(**serializer.validated_data)
        )
        return Response(MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


# Government bodies -------------------------------------------------------------------------------


class GovernmentBodyListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    @extend_schema(responses=OrganizationOutputSerializer(many=True), summary="我管理的政府部门")
    def get(self, request: Request) -> Response:
        return get_paginated_response(
            serializer_class=OrganizationOutputSerializer,
            queryset=government_bodies_managed(acting_user(request)),
            request=request,
            view=self,
        )

    @extend_schema(
        request=GovernmentBodyInputSerializer,
        responses=OrganizationOutputSerializer,
        summary="开设政府部门（平台管理员；或为下辖地区开设）",
    )
    def post(self, request: Request) -> Response:
        serializer = GovernmentBodyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organization = government_body_create(
            actor=acting_user(request),
            name=serializer.validated_data["name"],
            region=serializer.validated_data["region"],
        )
        return Response(
            OrganizationOutputSerializer(organization).data, status=status.HTTP_201_CREATED
        )
