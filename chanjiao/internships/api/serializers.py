"""Serializers of the internships API: the shapes only; the services check the values."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.common.api_fields import CountField, IdField
from chanjiao.common.masking import mask_phone
from chanjiao.internships.gates import agreement_missing_roles
from chanjiao.internships.models import (
    EvaluationDirection,
    IncidentKind,
    InsuranceKind,
    PartyRole,
    Placement,
    PlacementKind,
    PlacementState,
)
from chanjiao.internships.permissions import user_sees_personal_data, user_sees_student_phone
from chanjiao.internships.workflow import INCIDENT_WORKFLOW, PLACEMENT_WORKFLOW
from chanjiao.listings.display import mask_name
from chanjiao.workflow.selectors import transition_actions_available

HOURS: dict[str, Any] = {"max_digits": 4, "decimal_places": 1, "min_value": 0}
MONEY: dict[str, Any] = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class StudentEntrySerializer(serializers.Serializer):
    student = IdField(help_text="学生的用户编号")
    birth_date = serializers.DateField(
        required=False, allow_null=True, help_text="出生日期（学生档案没有时填写，将写入档案）"
    )


class PlacementValuesSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlacementKind.choices)
    post_name = serializers.CharField(max_length=100)
    address = serializers.CharField(max_length=200)
    venue_description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    daily_hours = serializers.DecimalField(**HOURS)
    weekly_hours = serializers.DecimalField(**HOURS)
    has_night_shift = serializers.BooleanField(required=False, default=False)
    has_overtime = serializers.BooleanField(required=False, default=False)
    has_holiday_work = serializers.BooleanField(required=False, default=False)
    monthly_pay = serializers.DecimalField(**MONEY, required=False, allow_null=True, default=None)
    probation_wage = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, default=None
    )
    post_staff_count = CountField(required=False, allow_null=True, default=None)
    charges_fees = serializers.BooleanField(required=False, default=False)
    withholds_id_documents = serializers.BooleanField(required=False, default=False)
    via_intermediary = serializers.BooleanField(required=False, default=False)
    school_mentor = IdField(required=False, allow_null=True, default=None)
    enterprise_mentor = IdField(required=False, allow_null=True, default=None)


class PlacementCreateInputSerializer(PlacementValuesSerializer):
    students = StudentEntrySerializer(many=True, help_text="一名或多名学生：每人一条实习安排")
    enterprise = IdField(required=False, allow_null=True)
    listing = IdField(required=False, allow_null=True, help_text="实习岗位编号")
    application = IdField(required=False, allow_null=True, help_text="已录用的投递编号")


class PlacementTransitionInputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=["start", "complete", "terminate", "cancel"],
        error_messages={"invalid_choice": "操作只能是 start、complete、terminate 或 cancel。"},
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class PlacementOutputSerializer(serializers.Serializer):
    """A placement in a list: the student's name and phone masked unless the user is the
    student, the school or the bureau."""

    id = serializers.IntegerField(source="pk")
    student_id = serializers.IntegerField()
    student_name = serializers.SerializerMethodField()
    student_phone = serializers.SerializerMethodField()
    school = NamedSerializer()
    enterprise = NamedSerializer()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    source = serializers.CharField()  # type: ignore[assignment]
    batch = serializers.CharField()
    post_name = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")

    def _full(self, placement: Placement) -> bool:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return user is not None and user_sees_personal_data(user, placement)

    def get_student_name(self, placement: Placement) -> str:
        name = placement.student.real_name or placement.student.username
        return str(name) if self._full(placement) else mask_name(name)

    def get_student_phone(self, placement: Placement) -> str:
        phone = placement.student.phone
        request = self.context.get("request")
        user = getattr(request, "user", None)
        sees = user is not None and user_sees_student_phone(user, placement)
        return str(phone) if sees else mask_phone(phone)


class PlacementDetailOutputSerializer(PlacementOutputSerializer):
    listing_id = serializers.IntegerField(allow_null=True)
    application_id = serializers.IntegerField(allow_null=True)
    address = serializers.CharField()
    venue_description = serializers.CharField()
    daily_hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    weekly_hours = serializers.DecimalField(max_digits=4, decimal_places=1)
    has_night_shift = serializers.BooleanField()
    has_overtime = serializers.BooleanField()
    has_holiday_work = serializers.BooleanField()
    monthly_pay = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    probation_wage = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    post_staff_count = serializers.IntegerField(allow_null=True)
    charges_fees = serializers.BooleanField()
    withholds_id_documents = serializers.BooleanField()
    via_intermediary = serializers.BooleanField()
    school_mentor_id = serializers.IntegerField(allow_null=True)
    enterprise_mentor_id = serializers.IntegerField(allow_null=True)
    termination_reason = serializers.CharField()
    started_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    agreement_missing = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_agreement_missing(self, placement: Placement) -> list[str]:
        return agreement_missing_roles(placement)

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_transitions(self, placement: Placement) -> list[dict[str, str]]:
        request = self.context.get("request")
        actions = transition_actions_available(
            workflow=PLACEMENT_WORKFLOW, obj=placement, actor=getattr(request, "user", None)
        )
        # ``sign`` is taken by the last confirmation of the agreement, never as a button.
        return [action for action in actions if action["name"] != "sign"]


class SignatorySerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    confirmed_by_id = serializers.IntegerField(allow_null=True)
    signer_name = serializers.CharField()
    confirmed_at = serializers.DateTimeField(allow_null=True)


class AgreementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    placement_id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    has_signed_file = serializers.SerializerMethodField()
    signed_file_name = serializers.CharField()
    signatories = SignatorySerializer(many=True, source="signatories.all")
    missing = serializers.SerializerMethodField()

    def get_has_signed_file(self, agreement: Any) -> bool:
        return bool(agreement.signed_file)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, agreement: Any) -> list[str]:
        return agreement_missing_roles(agreement.placement)


class AgreementConfirmInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    guardian_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=50
    )


class AgreementFileInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="已签协议扫描件：PDF 或 JPG/PNG，不超过 5 MB")


class InsuranceInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=InsuranceKind.choices)
    insurer = serializers.CharField(max_length=100)
    policy_number = serializers.CharField(max_length=60)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    placements = serializers.ListField(child=IdField(), min_length=1)


class InsuranceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    insurer = serializers.CharField()
    policy_number = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    placements = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_placements(self, policy: Any) -> list[int]:
        return sorted(policy.placements.values_list("pk", flat=True))


class WeeklyLogInputSerializer(serializers.Serializer):
    week_start = serializers.DateField()
    content = serializers.CharField(max_length=4000)
    hours_worked = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0)
    longest_day_hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, required=False, allow_null=True, default=None
    )
    had_night_shift = serializers.BooleanField(required=False, default=False)
    had_overtime = serializers.BooleanField(required=False, default=False)
    had_holiday_work = serializers.BooleanField(required=False, default=False)


class LogCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    mentor_role = serializers.CharField(read_only=True)
    body = serializers.CharField(max_length=2000)
    created_at = serializers.DateTimeField(read_only=True)


class WeeklyLogOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    placement_id = serializers.IntegerField()
    week_start = serializers.DateField()
    content = serializers.CharField()
    hours_worked = serializers.DecimalField(max_digits=4, decimal_places=1)
    longest_day_hours = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    had_night_shift = serializers.BooleanField()
    had_overtime = serializers.BooleanField()
    had_holiday_work = serializers.BooleanField()
    comments = LogCommentSerializer(many=True, source="comments.all")


class IncidentInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    description = serializers.CharField(max_length=4000)
    occurred_on = serializers.DateField()


class IncidentTransitionInputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=["handle", "close"],
        error_messages={"invalid_choice": "操作只能是 handle 或 close。"},
    )
    note = serializers.CharField(max_length=2000)


class IncidentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    placement_id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    occurred_on = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    handling_note = serializers.CharField()
    handled_at = serializers.DateTimeField(allow_null=True)
    available_transitions = serializers.SerializerMethodField()

    @extend_schema_field(ActionSerializer(many=True))
    def get_available_transitions(self, incident: Any) -> list[dict[str, str]]:
        request = self.context.get("request")
        return transition_actions_available(
            workflow=INCIDENT_WORKFLOW, obj=incident, actor=getattr(request, "user", None)
        )


class EvaluationInputSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=EvaluationDirection.choices)
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class EvaluationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    direction = serializers.CharField()
    direction_label = serializers.CharField(source="get_direction_display")
    score = serializers.IntegerField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class AlertOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    placement_id = serializers.IntegerField()
    rule_key = serializers.CharField()
    article = serializers.CharField()
    message = serializers.CharField()
    weekly_log_id = serializers.IntegerField(allow_null=True)
    raised_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolved_by_id = serializers.IntegerField(allow_null=True)
    resolution_note = serializers.CharField()


class AlertResolveInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class QuotaFilterSerializer(serializers.Serializer):
    locality = serializers.CharField(help_text="地区名称、行政区划代码或编号，如 梧州市")
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class QuotaRowSerializer(serializers.Serializer):
    enterprise = NamedSerializer()
    staff = serializers.IntegerField()
    required = serializers.IntegerField()  # type: ignore[assignment]
    offered = serializers.IntegerField()
    filled = serializers.IntegerField()
    shortfall = serializers.IntegerField()


class QuotaOutputSerializer(serializers.Serializer):
    locality = NamedSerializer()
    year = serializers.IntegerField()
    available = serializers.BooleanField()
    message = serializers.CharField()
    share_percent = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    clause = serializers.CharField()
    rows = QuotaRowSerializer(many=True)


PLACEMENT_STATES = PlacementState.choices
