from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.api.serializers import MaskedUserSerializer
from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships, governed_region_codes
from chanjiao.accounts.selectors import user_get_for_user
from chanjiao.accounts.services import personal_data_reveal
from chanjiao.common.users import acting_user


class MeApi(APIView):
    class OutputSerializer(MaskedUserSerializer):
        is_staff = serializers.BooleanField()
        memberships = serializers.SerializerMethodField()
        governed_region_codes = serializers.SerializerMethodField()

        def get_memberships(self, user: User) -> list[dict[str, Any]]:
            return [
                {
                    "organization_id": m.organization_id,
                    "organization": m.organization.name,
                    "role": m.role,
                    "role_label": m.get_role_display(),
                }
                for m in active_memberships(user)
            ]

        def get_governed_region_codes(self, user: User) -> list[str]:
            return governed_region_codes(user)

    @extend_schema(responses=OutputSerializer, summary="当前用户及其角色")
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(request.user).data)


class UserDetailApi(APIView):
    @extend_schema(responses=MaskedUserSerializer, summary="用户（个人信息已脱敏）")
    def get(self, request: Request, user_id: int) -> Response:
        subject = user_get_for_user(viewer=request.user, user_id=user_id)
        return Response(MaskedUserSerializer(subject).data)


class UserRevealApi(APIView):
    class InputSerializer(serializers.Serializer):
        field = serializers.ChoiceField(
            choices=["phone", "id_number"],
            error_messages={"invalid_choice": "只能查看 phone（手机号）或 id_number（身份证号）。"},
        )

    class OutputSerializer(serializers.Serializer):
        field = serializers.CharField()
        value = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        summary="查看完整个人信息（需授权，并记入审计日志）",
    )
    def post(self, request: Request, user_id: int) -> Response:
        subject = user_get_for_user(viewer=request.user, user_id=user_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        field = serializer.validated_data["field"]
        value = personal_data_reveal(actor=acting_user(request), subject=subject, field=field)
        return Response(self.OutputSerializer({"field": field, "value": value}).data)
