"""Serializers of the students API: the shapes only; the services check the values."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.common.api_fields import YearField
from chanjiao.common.masking import mask_phone
from chanjiao.students.models import StudentClaim, StudentProfile
from chanjiao.students.workflow import STUDENT_CLAIM_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available


@extend_schema_field(
    {
        # No ``enum`` here: the schema's enum naming would clash with other apps' ``status``.
        "type": "string",
        "description": "student（在校生）或 graduate（毕业生）",
    }
)
class StudentStatusField(serializers.ChoiceField):
    """The person's status (its own schema: ``status`` enums of other apps differ)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=StudentProfile.Status.choices, **kwargs)


class StudentClaimInputSerializer(serializers.Serializer):
    school = serializers.CharField(max_length=200, help_text="学校名称（或学校编号）")
    major = serializers.CharField(max_length=200, help_text="专业名称，须为该校开设的专业")
    status = StudentStatusField(
        error_messages={"invalid_choice": "身份只能是 student（在校生）或 graduate（毕业生）。"},
    )
    graduation_year = YearField()
    enrollment_year = YearField(required=False, allow_null=True)
    student_number = serializers.CharField(max_length=30, required=False, allow_blank=True)


class StudentRegisterInputSerializer(StudentClaimInputSerializer):
    username = serializers.CharField(max_length=30)
    password = serializers.CharField(max_length=128, write_only=True)
    email = serializers.CharField(max_length=254)
    real_name = serializers.CharField(max_length=50)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class StudentNamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class StudentClaimOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    school = StudentNamedSerializer()
    major = StudentNamedSerializer()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    graduation_year = serializers.IntegerField()
    enrollment_year = serializers.IntegerField(allow_null=True)
    student_number = serializers.CharField()
    return_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    available_transitions = serializers.SerializerMethodField()

    def get_available_transitions(self, claim: StudentClaim) -> list[dict[str, str]]:
        request = self.context.get("request")
        actor = getattr(request, "user", None)
        return transition_actions_available(workflow=STUDENT_CLAIM_WORKFLOW, obj=claim, actor=actor)


class StudentStaffClaimOutputSerializer(StudentClaimOutputSerializer):
    """A claim as the school's staff see it: with the applicant's name and masked phone."""

    real_name = serializers.CharField(source="user.real_name")
    phone = serializers.SerializerMethodField()

    def get_phone(self, claim: StudentClaim) -> str:
        return mask_phone(claim.user.phone)


class StudentRegisterOutputSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(source="user.pk")
    username = serializers.CharField(source="user.username")
    claim = serializers.SerializerMethodField()

    def get_claim(self, claim: StudentClaim) -> dict[str, Any]:
        return dict(StudentClaimOutputSerializer(claim, context=self.context).data)


class StudentSchoolOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="school.pk")
    name = serializers.CharField(source="school.name")
    display_name = serializers.CharField(source="label", help_text="选择时显示的名称")
