"""Serializers of the events API: the shapes only; the services check the values."""

from typing import Any

from rest_framework import serializers

from chanjiao.common.api_fields import IdField, StoredIntegerField
from chanjiao.events.models import EventEnterprise
from chanjiao.events.selectors import EventView
from chanjiao.events.workflow import EVENT_ENTERPRISE_WORKFLOW
from chanjiao.workflow.selectors import transition_actions_available


class EventInputSerializer(serializers.Serializer):
    organizer = IdField(required=False, help_text="主办单位编号；只为一个单位主办时可省略")
    title = serializers.CharField(max_length=300, allow_blank=True)
    kind = serializers.CharField(
        max_length=20, help_text="job_fair 招聘会 / mutual 双选会 / interview 小型面试会"
    )
    description = serializers.CharField(max_length=6000, required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    is_online = serializers.BooleanField(required=False, default=False)
    place = serializers.CharField(max_length=300, required=False, allow_blank=True)
    online_url = serializers.CharField(max_length=300, required=False, allow_blank=True)
    region = IdField(help_text="地区编号（行政区划目录中的编号）")
    audience = serializers.CharField(
        max_length=20,
        required=False,
        default="all",
        help_text="all 不限 / graduates 应届毕业生 / students 在校生 / jobseekers 社会求职者",
    )
    enterprise_capacity = StoredIntegerField(required=False, allow_null=True)
    student_capacity = StoredIntegerField(required=False, allow_null=True)
    registration_deadline = serializers.DateTimeField(required=False, allow_null=True)


class EventNamedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    organizer = EventNamedSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    is_online = serializers.BooleanField()
    place = serializers.CharField()
    region = EventNamedSerializer()
    audience = serializers.CharField()
    audience_label = serializers.CharField(source="get_audience_display")
    enterprise_capacity = serializers.IntegerField(allow_null=True)
    student_capacity = serializers.IntegerField(allow_null=True)
    registration_deadline = serializers.DateTimeField(allow_null=True)
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    url = serializers.CharField(source="get_absolute_url")


class EventPostSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="岗位详情页，带上活动编号（从活动投递）")

    def get_url(self, listing: Any) -> str:
        return f"{listing.get_absolute_url()}?event={self.context['event_id']}"


class EventEnterprisePublicSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    organization = EventNamedSerializer()
    posts = serializers.SerializerMethodField()

    def get_posts(self, participation: EventEnterprise) -> list[dict[str, Any]]:
        return list(
            EventPostSerializer(participation.posts.all(), many=True, context=self.context).data
        )


class EventOutcomeSerializer(serializers.Serializer):
    enterprises = serializers.IntegerField(help_text="通过审核的参会单位")
    posts = serializers.IntegerField(help_text="参会单位携带的岗位")
    registrations = serializers.IntegerField(help_text="报名人数")
    applications = serializers.IntegerField(help_text="从活动投递的份数")
    invited = serializers.IntegerField(help_text="其中邀请面试的")
    offers = serializers.IntegerField(help_text="其中录用的")


class EventDetailOutputSerializer(EventOutputSerializer):
    description = serializers.CharField()
    online_url = serializers.CharField(help_text="仅报名者、参会单位和主办单位可见")
    cancel_reason = serializers.CharField()
    enterprises = EventEnterprisePublicSerializer(many=True, help_text="已通过审核的参会单位")
    registered_count = serializers.IntegerField()
    registration_open = serializers.BooleanField()
    my_registration = serializers.IntegerField(
        allow_null=True, help_text="本人的报名编号（未报名为空）"
    )
    can_manage = serializers.BooleanField(help_text="当前用户是否为主办单位的管理人员")
    outcomes = EventOutcomeSerializer(allow_null=True, help_text="仅主办单位可见")


class EventParticipationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    event = serializers.IntegerField(source="event_id")
    organization = EventNamedSerializer()
    posts = serializers.SerializerMethodField()
    note = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    decline_reason = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    available_transitions = serializers.SerializerMethodField()

    def get_posts(self, participation: EventEnterprise) -> list[dict[str, Any]]:
        return [
            {"id": post.pk, "kind": post.kind, "title": post.title}
            for post in participation.posts.all()
        ]

    def get_available_transitions(self, participation: EventEnterprise) -> list[dict[str, str]]:
        request = self.context.get("request")
        actor = getattr(request, "user", None)
        return transition_actions_available(
            workflow=EVENT_ENTERPRISE_WORKFLOW, obj=participation, actor=actor
        )


class EventRegistrationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    event = serializers.IntegerField(source="event_id")
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    created_at = serializers.DateTimeField()


def event_detail_data(view: EventView, *, context: dict[str, Any]) -> dict[str, Any]:
    """The detail response: the event, its approved enterprises and, for the organiser, counts."""
    event = view.event
    data = dict(EventOutputSerializer(event, context=context).data)
    data.update(
        description=event.description,
        online_url=event.online_url if view.show_online_url else "",
        cancel_reason=event.cancel_reason,
        enterprises=EventEnterprisePublicSerializer(
            view.enterprises, many=True, context={**context, "event_id": event.pk}
        ).data,
        registered_count=view.registered_count,
        registration_open=view.registration_open,
        my_registration=view.my_registration.pk if view.my_registration is not None else None,
        can_manage=view.can_manage,
        outcomes=view.outcomes,
    )
    return data
