"""How locality profiles look in the API (shared by the list, detail and write endpoints)."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.common.api_fields import IdField
from chanjiao.localities.models import Comparison


@extend_schema_field(OpenApiTypes.NUMBER)
class PlainNumberField(serializers.Field):
    """A decimal as a JSON number written as the documents write it: ``30``, ``2``, ``0.5``."""

    def to_representation(self, value: Decimal) -> int | float:
        return int(value) if value == value.to_integral_value() else float(value)


class LocalityRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    full_name = serializers.CharField()
    level = serializers.CharField()


class LocalityIndustrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


class PolicyParameterOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF field name
    comparison = serializers.ChoiceField(choices=Comparison.choices)
    comparison_label = serializers.CharField(source="get_comparison_display")
    value = PlainNumberField()
    value_max = PlainNumberField(allow_null=True)
    unit = serializers.CharField()
    rule = serializers.CharField(source="rule_text", help_text="规则的中文表述，如“不低于60%”")
    clause = serializers.CharField(help_text="文件条款，如“（六）”或“二（三）6”")
    quote = serializers.CharField(help_text="规定该数值的原文")


class KeyIndustryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="文件中的提法")  # type: ignore[assignment]  # DRF field name
    clause = serializers.CharField()
    note = serializers.CharField()
    industries = LocalityIndustrySerializer(many=True, help_text="对应的 GB/T 4754-2017 行业")


class NamedInstitutionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    clause = serializers.CharField()
    organization_id = IdField(allow_null=True, help_text="平台上对应的机构")


class LocalityOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    region = LocalityRegionSerializer()
    document_title = serializers.CharField()
    document_number = serializers.CharField()
    issuer = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    source_file = serializers.CharField()
    summary = serializers.CharField()
    parameters = PolicyParameterOutputSerializer(many=True)
    key_industries = KeyIndustryOutputSerializer(many=True)
    institutions = NamedInstitutionOutputSerializer(many=True)


# Request bodies: documented here, checked by chanjiao.localities.validation (the same rules
# as ``load_localities``), so every error names its path, e.g. ``parameters[4].value``.


class PolicyParameterInputSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=80, help_text="小写字母、数字和连字符")
    label = serializers.CharField(max_length=200)  # type: ignore[assignment]  # DRF field name
    comparison = serializers.ChoiceField(choices=Comparison.choices)
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    value_max = serializers.DecimalField(
        max_digits=14, decimal_places=4, required=False, allow_null=True, help_text="区间上限"
    )
    unit = serializers.CharField(max_length=20, required=False, allow_blank=True)
    clause = serializers.CharField(max_length=100)
    quote = serializers.CharField(help_text="规定该数值的原文")


class KeyIndustryInputSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=100)  # type: ignore[assignment]  # DRF field name
    codes = serializers.ListField(
        child=serializers.CharField(), help_text="GB/T 4754-2017 代码：门类字母或数字代码"
    )
    clause = serializers.CharField(max_length=100)
    note = serializers.CharField(required=False, allow_blank=True)


class NamedInstitutionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.CharField(max_length=50)
    clause = serializers.CharField(max_length=100)
    organization_id = IdField(required=False, allow_null=True)


class LocalityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    region_code = serializers.CharField(max_length=20, help_text="统计用区划代码，如 4504")
    document_title = serializers.CharField(max_length=200)
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    issuer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    issued_on = serializers.DateField(required=False, allow_null=True)
    source_file = serializers.CharField(max_length=100, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    parameters = PolicyParameterInputSerializer(many=True, required=False)
    key_industries = KeyIndustryInputSerializer(many=True, required=False)
    institutions = NamedInstitutionInputSerializer(many=True, required=False)
