"""Input and output shapes of the recognition API."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.common.api_fields import CountField, IdField, YearField
from chanjiao.recognition.evidence import condition_evidence
from chanjiao.recognition.models import IncentiveKind, Recognition, RecognitionState
from chanjiao.recognition.selectors import credit_estimate
from chanjiao.recognition.workflow import RECOGNITION_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available, transition_history


class RecognitionActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class ConditionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    clause = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    quote = serializers.CharField()
    is_verified = serializers.BooleanField()
    evidence = serializers.CharField()
    evidence_label = serializers.CharField(source="get_evidence_display")
    threshold = serializers.IntegerField(allow_null=True)
    max_score = serializers.IntegerField()


class ProgrammeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    locality = serializers.CharField(source="locality.name")
    locality_id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    clause = serializers.CharField()
    basis = serializers.CharField()
    certifier = serializers.CharField()
    preliminary_department = serializers.CharField()
    applicant_types = serializers.ListField(child=serializers.CharField())
    stages = serializers.DictField(child=serializers.CharField())
    validity_years = serializers.IntegerField()
    notice_days = serializers.IntegerField()
    evidence_years = serializers.IntegerField()
    recheck_annually = serializers.BooleanField()
    target_parameter_key = serializers.CharField()
    credit_rule = serializers.DictField()
    incentive_kinds = serializers.ListField(child=serializers.CharField())
    is_active = serializers.BooleanField()
    conditions = ConditionSerializer(many=True, source="conditions.all")


class RecognitionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    programme_id = serializers.IntegerField()
    programme = serializers.CharField(source="programme.name")
    locality = serializers.CharField(source="programme.locality.name")
    organization_id = serializers.IntegerField()
    organization = serializers.CharField(source="organization.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    submitted_at = serializers.DateTimeField(allow_null=True)
    notice_end = serializers.DateField(allow_null=True)
    certificate_number = serializers.CharField()
    certified_on = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)


class EvidenceSerializer(serializers.Serializer):
    condition = ConditionSerializer()
    count = serializers.IntegerField(
        allow_null=True, help_text="平台记录数；无记录为 null（暂无记录）"
    )
    display = serializers.CharField()
    applicable = serializers.BooleanField()
    is_missing = serializers.BooleanField()
    attachments = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_attachments(self, item: Any) -> list[str]:
        return [a.file_name for a in item.attachments]


class ScoreOutputSerializer(serializers.Serializer):
    condition_id = serializers.IntegerField()
    score = serializers.IntegerField()
    comment = serializers.CharField()
    reviewer_id = serializers.IntegerField(allow_null=True)


class ObjectionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    resolution = serializers.CharField()
    resolved_at = serializers.DateTimeField(allow_null=True)


class AttachmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    condition_id = serializers.IntegerField(allow_null=True)
    file_name = serializers.CharField()
    description = serializers.CharField()
    created_at = serializers.DateTimeField()


class HistorySerializer(serializers.Serializer):
    transition = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RecheckOutputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    result = serializers.CharField()
    comment = serializers.CharField()


class IncentiveOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    granted_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    department = serializers.CharField()
    description = serializers.CharField()


class CreditYearSerializer(serializers.Serializer):
    year = YearField()
    investment = serializers.DecimalField(max_digits=14, decimal_places=2)
    surcharge_due = serializers.DecimalField(max_digits=14, decimal_places=2)
    earned = serializers.DecimalField(max_digits=14, decimal_places=2)
    carried_in = serializers.DecimalField(max_digits=14, decimal_places=2)
    available = serializers.DecimalField(max_digits=14, decimal_places=2)
    credited = serializers.DecimalField(max_digits=14, decimal_places=2)
    carried_out = serializers.DecimalField(max_digits=14, decimal_places=2)
    forfeited = serializers.DecimalField(max_digits=14, decimal_places=2)


class CreditRuleSerializer(serializers.Serializer):
    share = serializers.DecimalField(max_digits=5, decimal_places=2)
    clause = serializers.CharField()
    quote = serializers.CharField()
    carry_forward = serializers.BooleanField()
    carry_forward_source = serializers.CharField()
    carry_forward_verified = serializers.BooleanField()


class CreditEstimateSerializer(serializers.Serializer):
    rule = CreditRuleSerializer()
    years = CreditYearSerializer(many=True)
    total_credited = serializers.DecimalField(max_digits=14, decimal_places=2)
    carried_now = serializers.DecimalField(max_digits=14, decimal_places=2)
    notice = serializers.SerializerMethodField()

    def get_notice(self, estimate: Any) -> str:
        return "以上为平台按申报数据所作的估算，是否抵免及抵免金额以税务机关核定为准。"


class StageSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    state = serializers.CharField(help_text="done 已完成 / current 当前 / todo 未到")


STAGE_ORDER = ("reserve", "submitted", "preliminary", "reviewed", "notice", "certified")


def _stages(recognition: Recognition) -> list[dict[str, str]]:
    labels = recognition.programme.stages or {}
    status = recognition.status
    position = STAGE_ORDER.index(status) if status in STAGE_ORDER else -1
    if status == RecognitionState.RETURNED:
        position = 1
    rows = []
    for i, key in enumerate(STAGE_ORDER):
        state = "done" if i < position else ("current" if i == position else "todo")
        rows.append(
            {"key": key, "label": labels.get(key, RecognitionState(key).label), "state": state}
        )
    return rows


class RecognitionDetailOutputSerializer(RecognitionOutputSerializer):
    statement = serializers.CharField()
    window_start = serializers.DateField(allow_null=True)
    window_end = serializers.DateField(allow_null=True)
    total_score = serializers.IntegerField(allow_null=True)
    notice_start = serializers.DateField(allow_null=True)
    status_reason = serializers.CharField()
    ended_on = serializers.DateField(allow_null=True)
    last_recheck_year = serializers.IntegerField(allow_null=True)
    stages = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()
    scores = ScoreOutputSerializer(many=True, source="scores.all")
    objections = ObjectionOutputSerializer(many=True, source="objections.all")
    attachments = AttachmentOutputSerializer(many=True, source="attachments.all")
    rechecks = RecheckOutputSerializer(many=True, source="rechecks.all")
    incentives = IncentiveOutputSerializer(many=True, source="incentives.all")
    credit = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    _evidence_cache: list[Any] | None = None  # one recognition per detail response

    def _evidence(self, recognition: Recognition) -> list[Any]:
        if self._evidence_cache is None:
            self._evidence_cache = condition_evidence(recognition)
        return self._evidence_cache

    @extend_schema_field(StageSerializer(many=True))
    def get_stages(self, recognition: Recognition) -> list[dict[str, str]]:
        return _stages(recognition)

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, recognition: Recognition) -> Any:
        return EvidenceSerializer(self._evidence(recognition), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, recognition: Recognition) -> list[str]:
        return [item.condition.label for item in self._evidence(recognition) if item.is_missing]

    @extend_schema_field(CreditEstimateSerializer(allow_null=True))
    def get_credit(self, recognition: Recognition) -> Any:
        estimate = credit_estimate(recognition)
        return None if estimate is None else CreditEstimateSerializer(estimate).data

    @extend_schema_field(HistorySerializer(many=True))
    def get_history(self, recognition: Recognition) -> Any:
        return HistorySerializer(transition_history(recognition), many=True).data

    @extend_schema_field(RecognitionActionSerializer(many=True))
    def get_available_transitions(self, recognition: Recognition) -> list[dict[str, str]]:
        request = self.context.get("request")
        actions = transition_actions_available(
            workflow=RECOGNITION_WORKFLOW, obj=recognition, actor=getattr(request, "user", None)
        )
        return [a for a in actions if a["name"] != "lapse"]


class DirectoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization_id = serializers.IntegerField()
    organization = serializers.CharField(source="organization.name")
    region = serializers.CharField(source="organization.region.name")
    programme_id = serializers.IntegerField()
    programme = serializers.CharField(source="programme.name")
    level_label = serializers.CharField(source="programme.get_level_display")
    locality = serializers.CharField(source="programme.locality.name")
    certificate_number = serializers.CharField()
    certified_on = serializers.DateField()
    valid_until = serializers.DateField()


class NoticeEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization = serializers.CharField(source="organization.name")
    programme = serializers.CharField(source="programme.name")
    locality = serializers.CharField(source="programme.locality.name")
    notice_start = serializers.DateField()
    notice_end = serializers.DateField()


class TargetYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    certified = serializers.IntegerField()
    in_directory = serializers.IntegerField()


class TargetSerializer(serializers.Serializer):
    programme_id = serializers.IntegerField(source="programme.pk")
    programme = serializers.CharField(source="programme.name")
    target_parameter_key = serializers.CharField(source="programme.target_parameter_key")
    target_text = serializers.CharField()
    target_clause = serializers.SerializerMethodField()
    current = serializers.IntegerField()
    years = TargetYearSerializer(many=True)

    def get_target_clause(self, progress: Any) -> str:
        return "" if progress.parameter is None else progress.parameter.clause


# Inputs


class ReserveInputSerializer(serializers.Serializer):
    programme = IdField()
    organization = IdField()


class ApplyInputSerializer(serializers.Serializer):
    statement = serializers.CharField(max_length=5000)


class StepInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=30)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ScoreInputSerializer(serializers.Serializer):
    condition = IdField()
    # The service refuses a score above the condition's full mark, naming the condition.
    score = CountField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReviewInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(many=True)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RecheckInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    condition = IdField(required=False, allow_null=True, default=None)
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ObjectionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class ResolveInputSerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=500)


class IncentiveInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IncentiveKind.choices)
    granted_on = serializers.DateField()
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    department = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=500)


class InvestmentInputSerializer(serializers.Serializer):
    year = YearField()
    investment = serializers.DecimalField(max_digits=14, decimal_places=2)
    surcharge_due = serializers.DecimalField(max_digits=14, decimal_places=2)
