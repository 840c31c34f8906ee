"""HTTP API of 账号与安全 under /api/v1/me/: each view validates, calls one function, answers."""

from typing import Any

from django.contrib.auth import logout, update_session_auth_hash
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.common.exceptions import ApplicationError, field_refusal
from chanjiao.common.masking import mask_id_number, mask_phone
from chanjiao.common.pagination import DefaultPagination
from chanjiao.common.users import acting_user
from chanjiao.selfservice.api import serializers as s
from chanjiao.selfservice.consents import consent_list, consent_withdraw
from chanjiao.selfservice.data_copy import personal_data_export
from chanjiao.selfservice.deletion import CONFIRMATION_TEXT, account_delete
from chanjiao.selfservice.forms import ChangePasswordForm
from chanjiao.selfservice.logins import login_events, login_record
from chanjiao.selfservice.passwords import password_change
from chanjiao.selfservice.profile import ProfileInput, profile_update


def _account_data(user: Any) -> dict[str, Any]:
    return {
        "username": user.username,
        "real_name": user.real_name,
        "email": user.email,
        "phone": mask_phone(user.phone),
        "id_number": mask_id_number(user.id_number),
        "last_login": user.last_login,
        "password_changed_at": user.password_changed_at,
    }


class MeProfileUpdateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.MeProfileInputSerializer,
        responses=s.MeAccountOutputSerializer,
        summary="修改我的姓名、电子邮箱和手机号",
    )
    def put(self, request: Request) -> Response:
        data = s.MeProfileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = profile_update(actor=acting_user(request), data=ProfileInput(**data.validated_data))
        return Response(s.MeAccountOutputSerializer(_account_data(user)).data)


class MePasswordChangeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.MePasswordChangeInputSerializer,
        responses={204: None},
        summary="修改我的密码（当前会话保持登录）",
    )
    def post(self, request: Request) -> Response:
        data = s.MePasswordChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = acting_user(request)
        form = ChangePasswordForm(
            user,
            {
                "old_password": data.validated_data["old_password"],
                "new_password1": data.validated_data["new_password"],
                "new_password2": data.validated_data["new_password_again"],
            },
        )
        if not form.is_valid():
            names = {"new_password1": "new_password", "new_password2": "new_password_again"}
            fields = {names.get(k, k): list(v) for k, v in form.errors.items()}
            first = str(next(iter(fields.values()))[0])
            raise ApplicationError(first, extra={"fields": fields})
        changed = password_change(actor=user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request._request, changed)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeLoginListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.MeLoginRecordOutputSerializer(many=True), summary="我的登录记录")
    def get(self, request: Request) -> Response:
        paginator = DefaultPagination()
        events = paginator.paginate_queryset(login_events(user=acting_user(request)), request, self)
        records = [login_record(event) for event in events or []]
        data = s.MeLoginRecordOutputSerializer(records, many=True).data
        return paginator.get_paginated_response(data)


class MeConsentListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.MeConsentOutputSerializer(many=True), summary="我给出的个人信息授权")
    def get(self, request: Request) -> Response:
        paginator = DefaultPagination()
        rows = paginator.paginate_queryset(
            consent_list(fetched_by=acting_user(request)), request, self
        )
        data = s.MeConsentOutputSerializer(rows, many=True).data
        return paginator.get_paginated_response(data)


class MeConsentWithdrawApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses=s.MeConsentOutputSerializer, summary="撤回一项个人信息授权"
    )
    def post(self, request: Request, consent_id: int) -> Response:
        consent = consent_withdraw(actor=acting_user(request), consent_id=consent_id)
        return Response(s.MeConsentOutputSerializer(consent).data)


class MeDataApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="我的个人信息副本（完整，记入日志）")
    def get(self, request: Request) -> Response:
        return Response(personal_data_export(actor=acting_user(request)))


class MeDeleteApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.MeAccountDeleteInputSerializer,
        responses=s.MeAccountDeletionOutputSerializer,
        summary="注销我的账号（删除个人信息，保留审计日志）",
    )
    def post(self, request: Request) -> Response:
        data = s.MeAccountDeleteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["confirmation"].strip() != CONFIRMATION_TEXT:
            raise field_refusal(
                "confirmation", f"请准确输入“{CONFIRMATION_TEXT}”四个字，以确认注销。"
            )
        summary = account_delete(
            actor=acting_user(request), password=data.validated_data["password"]
        )
        logout(request._request)
        return Response(s.MeAccountDeletionOutputSerializer(summary).data)
