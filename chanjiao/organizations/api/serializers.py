"""Serializers for organisations: catalogue references are given and shown by official code."""

from typing import Any

from rest_framework import serializers

from chanjiao.accounts.api.serializers import MaskedUserSerializer
from chanjiao.accounts.models import Role
from chanjiao.catalogs.models import Industry, Region
from chanjiao.common.api_fields import CountField
from chanjiao.organizations.models import OrganizationType
from chanjiao.organizations.registration import REGISTRABLE_TYPES


class CodeRelatedField(serializers.SlugRelatedField):
    """A catalogue reference by code, with a Chinese error for unknown codes."""

    default_error_messages = {
        "does_not_exist": "代码 {value} 不存在。",
        "invalid": "代码格式无效。",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", **kwargs)


class OrganizationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    org_type = serializers.CharField()
    org_type_label = serializers.CharField(source="get_org_type_display")
    region_code = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.full_name")
    credit_code = serializers.CharField(allow_null=True)
    industry_code = serializers.CharField(source="industry.code", allow_null=True, default=None)
    industry_name = serializers.CharField(source="industry.name", allow_null=True, default=None)
    employee_count = serializers.IntegerField(allow_null=True)
    is_above_designated_size = serializers.BooleanField()
    is_verified = serializers.BooleanField()
    verification_status = serializers.CharField()
    verification_status_label = serializers.CharField(source="get_verification_status_display")
    school_code = serializers.CharField(allow_null=True)
    address = serializers.CharField()
    website = serializers.CharField()
    description = serializers.CharField()
    is_demo = serializers.BooleanField()


class OrganizationInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    org_type = serializers.ChoiceField(
        choices=OrganizationType.choices,
        error_messages={"invalid_choice": "机构类型 {input} 无效。"},
    )
    region = CodeRelatedField(queryset=Region.objects.filter(is_active=True))
    credit_code = serializers.CharField(
        max_length=18, required=False, allow_null=True, allow_blank=True
    )
    industry = CodeRelatedField(
        queryset=Industry.objects.filter(is_active=True), required=False, allow_null=True
    )
    employee_count = CountField(required=False, allow_null=True)
    is_above_designated_size = serializers.BooleanField(required=False)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    school_code = serializers.CharField(
        max_length=10, required=False, allow_null=True, allow_blank=True
    )
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)

    def validate_school_code(self, value: str | None) -> str | None:
        return value.strip() or None if value else None

    def validate_credit_code(self, value: str | None) -> str | None:
        return value.strip().upper() or None if value else None


class SchoolMajorOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    year = serializers.IntegerField()
    major_id = serializers.IntegerField()
    major_code = serializers.CharField(source="major.code")
    major_name = serializers.CharField(source="major.name")
    level = serializers.CharField(source="major.level")
    planned_enrollment = serializers.IntegerField(allow_null=True)


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    user = serializers.SerializerMethodField()

    def get_user(self, membership: Any) -> dict[str, Any]:
        return MaskedUserSerializer(membership.user).data


class OrganizationRegisterInputSerializer(serializers.Serializer):
    """An organisation's sign-up: its facts and its first 机构管理员's account."""

    name = serializers.CharField(max_length=200)
    org_type = serializers.ChoiceField(
        choices=[(t.value, t.label) for t in REGISTRABLE_TYPES],
        error_messages={
            "invalid_choice": "请选择企业、学校、行业协会、科研院所或培训机构；政府部门由平台开设。"
        },
    )
    region = CodeRelatedField(queryset=Region.objects.filter(is_active=True))
    credit_code = serializers.CharField(
        max_length=18, required=False, allow_null=True, allow_blank=True
    )
    school_code = serializers.CharField(
        max_length=10, required=False, allow_null=True, allow_blank=True
    )
    industry = CodeRelatedField(
        queryset=Industry.objects.filter(is_active=True), required=False, allow_null=True
    )
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    username = serializers.CharField(max_length=30)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    email = serializers.CharField(max_length=254)
    real_name = serializers.CharField(max_length=50)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class VerificationRecordSerializer(serializers.Serializer):
    transition = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class QueueOrganizationSerializer(OrganizationOutputSerializer):
    created_at = serializers.DateTimeField()
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    contact_email = serializers.CharField()


class OrganizationReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500,
        allow_blank=True,
        required=False,
        default="",
        error_messages={"max_length": "原因不能超过500字。"},
    )


class MembershipRoleInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=Role.choices, error_messages={"invalid_choice": "角色 {input} 无效。"}
    )


class InvitationInputSerializer(MembershipRoleInputSerializer):
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")


class InvitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization_id = serializers.IntegerField()
    organization_name = serializers.CharField(source="organization.name")
    role = serializers.CharField()
    role_label = serializers.CharField()
    email = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="current_status_label")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


class InvitationCreatedSerializer(InvitationOutputSerializer):
    """A new invitation: ``link`` carries the one-time token and is shown only this once."""

    link = serializers.CharField()


class InvitationPublicSerializer(serializers.Serializer):
    """What the holder of a link sees: the organisation and the role, never a person's name."""

    organization_name = serializers.CharField(source="organization.name")
    organization_type = serializers.CharField(source="organization.get_org_type_display")
    region_name = serializers.CharField(source="organization.region.full_name")
    role = serializers.CharField()
    role_label = serializers.CharField()
    for_email = serializers.SerializerMethodField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="current_status_label")
    expires_at = serializers.DateTimeField()

    def get_for_email(self, invitation: Any) -> bool:
        return bool(invitation.email)


class InvitationAccountInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=30)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    real_name = serializers.CharField(max_length=50)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class GovernmentBodyInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    region = CodeRelatedField(queryset=Region.objects.filter(is_active=True))
