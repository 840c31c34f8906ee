"""Serializers of the applications API: the shapes only; the services check the values."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from chanjiao.applications.models import Application
from chanjiao.applications.selectors import application_history
from chanjiao.applications.workflow import APPLICATION_WORKFLOW
from chanjiao.common.api_fields import IdField
from chanjiao.listings.display import mask_name
from chanjiao.workflow.selectors import transition_actions_available


class ApplicationInputSerializer(serializers.Serializer):
    listing = IdField(help_text="岗位需求或实习岗位的编号")
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    profile = IdField(required=False, allow_null=True, help_text="本人已发布的求职档案编号（选填）")
    event = IdField(required=False, allow_null=True, help_text="来自的招聘活动编号（选填）")
    attachment = serializers.FileField(
        required=False, allow_null=True, help_text="PDF、DOC/DOCX、JPG/PNG，不超过 5 MB（选填）"
    )


class ApplicationTransitionInputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=["invite", "hire", "decline", "withdraw"],
        error_messages={"invalid_choice": "操作只能是 invite、hire、decline 或 withdraw。"},
    )
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ApplicationNamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ApplicationListingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    title = serializers.CharField()


class ApplicationActionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class ApplicationHistorySerializer(serializers.Serializer):
    step = serializers.CharField()
    transition = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    at = serializers.DateTimeField()
    message = serializers.CharField()


class ApplicationContactSerializer(serializers.Serializer):
    real_name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    resume = serializers.CharField()
    school = serializers.CharField()
    major = serializers.CharField()
    graduation_year = serializers.IntegerField(allow_null=True)


class ApplicationOutputSerializer(serializers.Serializer):
    """An application in a list: the applicant's name masked, never a phone."""

    id = serializers.IntegerField(source="pk")
    listing = ApplicationListingSerializer()
    organization = ApplicationNamedSerializer()
    applicant_name = serializers.SerializerMethodField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    state_message = serializers.CharField()
    has_attachment = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    viewed_at = serializers.DateTimeField(allow_null=True)
    invited_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    consent_active = serializers.BooleanField()

    def get_applicant_name(self, application: Application) -> str:
        return mask_name(application.applicant.real_name)

    def get_has_attachment(self, application: Application) -> bool:
        return bool(application.attachment)


class ApplicationDetailOutputSerializer(ApplicationOutputSerializer):
    """One application: history, the steps this user may take, the contact card for the
    publisher while the consent is active (``contact`` null otherwise)."""

    message = serializers.CharField()
    event = serializers.SerializerMethodField()
    available_transitions = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()

    @extend_schema_field(ApplicationNamedSerializer(allow_null=True))
    def get_event(self, application: Application) -> dict[str, Any] | None:
        event = application.event
        return None if event is None else {"id": event.pk, "name": event.title}

    @extend_schema_field(ApplicationActionSerializer(many=True))
    def get_available_transitions(self, application: Application) -> list[dict[str, str]]:
        request = self.context.get("request")
        actor = getattr(request, "user", None)
        actions = transition_actions_available(
            workflow=APPLICATION_WORKFLOW, obj=application, actor=actor
        )
        return [action for action in actions if action["name"] != "view"]

    @extend_schema_field(ApplicationHistorySerializer(many=True))
    def get_history(self, application: Application) -> Any:
        return ApplicationHistorySerializer(application_history(application), many=True).data

    @extend_schema_field(ApplicationContactSerializer(allow_null=True))
    def get_contact(self, application: Application) -> Any:
        contact = self.context.get("contact")
        return None if contact is None else ApplicationContactSerializer(contact).data
