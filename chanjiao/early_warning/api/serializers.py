"""How warning rules, runs and flags look in the API."""

from rest_framework import serializers

from chanjiao.common.api_fields import IdField, StoredIntegerField, YearField
from chanjiao.early_warning.models import FlagStatus, Level, RuleType


def _values(choices: type) -> str:
    return "；".join(f"{value}={label}" for value, label in choices.choices)  # type: ignore[attr-defined]


class WarningMajorBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class WarningRuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    locality = serializers.CharField(source="locality.name")
    locality_id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    rule_type = serializers.CharField(help_text=_values(RuleType))
    rule_type_label = serializers.CharField(source="get_rule_type_display")
    params = serializers.JSONField(help_text="按规则类型的参数，见 docs/early_warning.md")
    level = serializers.CharField(help_text=_values(Level))
    level_label = serializers.CharField(source="get_level_display")
    exempt_majors = WarningMajorBriefSerializer(many=True)
    clause = serializers.CharField()
    quote = serializers.CharField()
    note = serializers.CharField()
    is_active = serializers.BooleanField()
    is_edited = serializers.BooleanField(help_text="政府管理员改过（重新导入时保留）")
    order = serializers.IntegerField()


class WarningRuleInputSerializer(serializers.Serializer):
    """Documented here; checked by the service (every problem listed in ``extra.errors``)."""

    name = serializers.CharField(required=False)
    params = serializers.JSONField(required=False)
    level = serializers.ChoiceField(choices=Level.values, required=False, help_text=_values(Level))
    exempt_majors = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="豁免专业的专业代码"
    )
    note = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    order = StoredIntegerField(required=False)


class WarningRunOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    locality = serializers.CharField(source="locality.name")
    year = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    rules_evaluated = serializers.IntegerField()
    pairs_evaluated = serializers.IntegerField()
    flags_raised = serializers.IntegerField()
    counts = serializers.JSONField()
    insufficient = serializers.JSONField(help_text="证据不足、未作判断的专业点及原因")
    triggered_by = serializers.CharField(allow_null=True)


class WarningRunInputSerializer(serializers.Serializer):
    locality = serializers.CharField(help_text="地区名称或编号，如 梧州市")
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class WarningResponseOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    author = serializers.SerializerMethodField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_author(self, obj: object) -> str:
        author = getattr(obj, "author", None)
        return str(author) if author is not None else "系统"


class WarningFlagOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    locality = serializers.CharField(source="locality.name")
    year = serializers.IntegerField()
    school_id = serializers.IntegerField()
    school = serializers.CharField(source="school.name")
    major = WarningMajorBriefSerializer()
    rule_id = serializers.IntegerField()
    rule_key = serializers.CharField(source="rule.key")
    rule_name = serializers.CharField(source="rule.name")
    rule_type = serializers.CharField(source="rule.rule_type")
    clause = serializers.CharField(source="rule.clause")
    level = serializers.CharField(help_text=_values(Level))
    level_label = serializers.CharField(source="get_level_display")
    status = serializers.CharField(help_text=_values(FlagStatus))
    status_label = serializers.CharField(source="get_status_display")
    summary = serializers.CharField(help_text="证据摘要（中文）")
    evidence = serializers.JSONField(help_text="所用数字、年度和阈值")
    run_id = serializers.IntegerField()


class WarningFlagDetailOutputSerializer(WarningFlagOutputSerializer):
    quote = serializers.CharField(source="rule.quote")
    responses = WarningResponseOutputSerializer(many=True)


class WarningFlagFilterSerializer(serializers.Serializer):
    locality = serializers.CharField(required=False, help_text="地区名称或编号")
    year = YearField(required=False)
    level = serializers.ChoiceField(choices=Level.values, required=False, help_text=_values(Level))
    school = IdField(required=False, help_text="学校机构编号")
    major = serializers.CharField(required=False, help_text="专业代码")
    rule = serializers.CharField(required=False, help_text="规则键")
    status = serializers.ChoiceField(
        choices=FlagStatus.values, required=False, help_text=_values(FlagStatus)
    )


class WarningTextInputSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="学校的回应")


class WarningNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="关闭说明")


class WarningSummaryRowSerializer(serializers.Serializer):
    school_id = serializers.IntegerField()
    school = serializers.CharField()
    major_code = serializers.CharField()
    major_name = serializers.CharField()
    level = serializers.CharField()
    level_label = serializers.CharField()
    level_rank = serializers.IntegerField()
    rules = serializers.ListField(child=serializers.CharField())
    clauses = serializers.ListField(child=serializers.CharField())
    statuses = serializers.ListField(child=serializers.CharField())
    evidence = serializers.CharField()


class WarningSummaryFilterSerializer(serializers.Serializer):
    locality = serializers.CharField(max_length=100, help_text="地区名称或编号，如 梧州市")
    year = YearField(help_text="年度，如 2025")
