"""Serializers for organisations: catalogue references are given and shown by official code."""

from typing import Any

from rest_framework import serializers

from chanjiao.accounts.api.serializers import MaskedUserSerializer
from chanjiao.catalogs.models import Industry, Region
from chanjiao.organizations.models import OrganizationType


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
    employee_count = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    is_above_designated_size = serializers.BooleanField(required=False)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)

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
