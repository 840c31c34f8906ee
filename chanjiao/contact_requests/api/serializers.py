"""The shapes of contact requests in the API."""

from typing import Any

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from chanjiao.common.api_fields import IdField, StoredIntegerField
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.workflow import CONTACT_REQUEST_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available


class ContactRequestNamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ContactRequestMajorSerializer(ContactRequestNamedSerializer):
    code = serializers.CharField()


class ContactPersonSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    note = serializers.CharField()


class ContactRequestInputSerializer(serializers.Serializer):
    enterprise = IdField(required=False, help_text="以哪个单位的名义；只为一个单位工作时可省略")
    school = IdField(help_text="学校编号")
    major = IdField(help_text="专业编号")
    graduation_year = serializers.IntegerField(min_value=1900, max_value=2100)
    message = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    headcount = StoredIntegerField(required=False, allow_null=True)
    source_listing = IdField(required=False, allow_null=True, help_text="来源的毕业生资源信息编号")


class ContactRequestOutputSerializer(serializers.Serializer):
    """A request as either side sees it in a list: never the contact person."""

    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=ContactRequestState.choices)
    state_label = serializers.CharField(source="get_state_display")
    enterprise = ContactRequestNamedSerializer()
    school = ContactRequestNamedSerializer()
    major = ContactRequestMajorSerializer()
    graduation_year = serializers.IntegerField()
    headcount = serializers.IntegerField(allow_null=True)
    message = serializers.CharField()
    source_listing = serializers.IntegerField(source="source_listing_id", allow_null=True)
    decline_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)


class ContactRequestDetailOutputSerializer(ContactRequestOutputSerializer):
    """One request: the steps the viewer may take, and the contact person when it is theirs."""

    available_transitions = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField(
        help_text="学校联系人：仅在学校接受后向提出请求的单位返回（每次返回均记入审计日志）"
    )

    @extend_schema_field(
        inline_serializer(
            "ContactRequestTransition",
            {"name": serializers.CharField(), "label": serializers.CharField()},
            many=True,
        )
    )
    def get_available_transitions(self, request: ContactRequest) -> list[dict[str, str]]:
        viewer = getattr(self.context.get("request"), "user", None)
        return transition_actions_available(
            workflow=CONTACT_REQUEST_WORKFLOW, obj=request, actor=viewer
        )

    @extend_schema_field(ContactPersonSerializer(allow_null=True))
    def get_contact(self, request: ContactRequest) -> dict[str, Any] | None:
        contact: dict[str, Any] | None = self.context.get("contact")
        return contact


class CohortSerializer(serializers.Serializer):
    school = serializers.IntegerField(source="school_id")
    major = ContactRequestMajorSerializer()
    graduation_year = serializers.IntegerField()
    pending = serializers.IntegerField()
    accepted = serializers.IntegerField()
    declined = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    total = serializers.IntegerField()
