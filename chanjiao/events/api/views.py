"""The events API: the public list and detail, organising, registering, the organiser's figures."""

from collections.abc import Sequence
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_refusal
from chanjiao.common.api_fields import IdField
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.common.pagination import DefaultPagination, get_paginated_response
from chanjiao.common.users import acting_user
from chanjiao.events.api.serializers import (
    EventDetailOutputSerializer,
    EventInputSerializer,
    EventOutcomeSerializer,
    EventOutputSerializer,
    EventParticipationOutputSerializer,
    EventRegistrationOutputSerializer,
    event_detail_data,
)
from chanjiao.events.models import EventAudience, EventKind, MatchEvent
from chanjiao.events.permissions import (
    ENTERPRISE_REFUSAL,
    MANAGE_REFUSAL,
    ORGANIZE_REFUSAL,
    organizations_user_organizes_for,
    organizations_user_registers_for,
    user_can_manage_event,
)
from chanjiao.events.selectors import (
    event_get,
    event_list_public,
    event_outcome_counts,
    event_participation_get,
    event_view_for_user,
)
from chanjiao.events.services import (
    event_create,
    event_enterprise_approve,
    event_enterprise_decline,
    event_enterprise_register,
    event_enterprise_withdraw,
    event_register,
)
from chanjiao.organizations.models import Organization


def _organizer_for(actor: User, organizer_id: int | None) -> Organization:
    """The organisation named (or the only one the actor organises for); refuse others."""
    organizations = organizations_user_organizes_for(actor)
    if organizer_id is None:
        if len(organizations) == 1:
            return organizations[0]
        if not organizations:
            audit_refusal(actor=actor, action="event.create", message=ORGANIZE_REFUSAL)
        raise ApplicationError(
            "您为多个单位工作，请指定主办单位编号（organizer）。", extra={"field": "organizer"}
        )
    found = next((org for org in organizations if org.pk == organizer_id), None)
    if found is None:
        audit_refusal(actor=actor, action="event.create", message=ORGANIZE_REFUSAL)
    return found


def _participant_for(actor: User, event: MatchEvent, organization_id: int | None) -> Organization:
    """The organisation named (the service checks the actor's right), or the only one."""
    if organization_id is not None:
        found = Organization.objects.filter(pk=organization_id).first()
        if found is None:
            raise NotFoundError("未找到该单位。")
        return found
    organizations = organizations_user_registers_for(actor)
    if not organizations:
        audit_refusal(
            actor=actor,
            action="event_enterprise.register",
            target=event,
            message=ENTERPRISE_REFUSAL,
        )
    if len(organizations) > 1:
        raise ApplicationError(
            "您为多个单位工作，请指定参会单位编号（organization）。",
            extra={"field": "organization"},
        )
    return organizations[0]


def _detail_response(request: Request, event: MatchEvent, *, code: int = 200) -> Response:
    view = event_view_for_user(event=event, user=request.user)
    return Response(event_detail_data(view, context={"request": request}), status=code)


class EventListApi(APIView):
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination

    class FilterSerializer(serializers.Serializer):
        region = serializers.CharField(
            required=False, max_length=12, help_text="地区代码前缀，如 4504（含下辖区县）"
        )
        kind = serializers.ChoiceField(
            choices=EventKind.choices,
            required=False,
            error_messages={"invalid_choice": "活动类型 {input} 无效。"},
        )
        audience = serializers.ChoiceField(
            choices=EventAudience.choices,
            required=False,
            error_messages={"invalid_choice": "面向对象 {input} 无效。"},
        )
        past = serializers.BooleanField(required=False, default=False, help_text="查看已结束的活动")

    def get_permissions(self) -> Sequence[Any]:
        if self.request.method == "GET":
            return [AllowAny()]
        return super().get_permissions()

    @extend_schema(
        parameters=[FilterSerializer],
        responses=EventOutputSerializer(many=True),
        summary="招聘活动（未结束的按开始时间排列）",
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        events = event_list_public(
            region_code=data.get("region", ""),
            kind=data.get("kind", ""),
            audience=data.get("audience", ""),
            past=data["past"],
        )
        return get_paginated_response(
            serializer_class=EventOutputSerializer, queryset=events, request=request, view=self
        )

    @extend_schema(
        request=EventInputSerializer,
        responses={201: EventDetailOutputSerializer},
        summary="发布招聘活动（学校、行业协会、政府部门）",
    )
    def post(self, request: Request) -> Response:
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        actor = acting_user(request)
        organizer = _organizer_for(actor, values.pop("organizer", None))
        event = event_create(actor=actor, organizer=organizer, values=values)
        return _detail_response(request, event, code=status.HTTP_201_CREATED)


class EventDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses=EventDetailOutputSerializer,
        summary="招聘活动详情（参会单位及岗位；统计仅主办单位可见）",
    )
    def get(self, request: Request, event_id: int) -> Response:
        return _detail_response(request, event_get(event_id=event_id))


class EventRegisterApi(APIView):
    @extend_schema(
        request=None,
        responses={201: EventRegistrationOutputSerializer},
        summary="报名参加活动（学生、毕业生、求职者）",
    )
    def post(self, request: Request, event_id: int) -> Response:
        registration = event_register(
            actor=acting_user(request), event=event_get(event_id=event_id)
        )
        return Response(
            EventRegistrationOutputSerializer(registration).data, status=status.HTTP_201_CREATED
        )


class EventEnterpriseRegisterApi(APIView):
    class InputSerializer(serializers.Serializer):
        organization = IdField(required=False, help_text="参会单位编号；只为一个单位工作时可省略")
        post_ids = serializers.ListField(
            child=IdField(),
            allow_empty=True,
            max_length=100,
            help_text="携带的岗位编号（本单位已发布的岗位需求或实习岗位）",
        )
        note = serializers.CharField(max_length=600, required=False, allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses={201: EventParticipationOutputSerializer},
        summary="企业报名参会并携带岗位（待主办方审核）",
    )
    def post(self, request: Request, event_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actor = acting_user(request)
        event = event_get(event_id=event_id)
        organization = _participant_for(actor, event, data.get("organization"))
        participation = event_enterprise_register(
            actor=actor,
            event=event,
            organization=organization,
            post_ids=data["post_ids"],
            note=data.get("note", ""),
        )
        output = EventParticipationOutputSerializer(participation, context={"request": request})
        return Response(output.data, status=status.HTTP_201_CREATED)


class EventEnterpriseTransitionApi(APIView):
    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(
            choices=[("approve", "通过"), ("decline", "不通过"), ("withdraw", "撤回报名")],
            error_messages={
                "invalid_choice": "操作 {input} 无效：可用 approve、decline、withdraw。"
            },
        )
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses=EventParticipationOutputSerializer,
        summary="审核参会单位（主办单位：通过/不通过）或撤回报名（参会单位）",
    )
    def post(self, request: Request, event_id: int, participation_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        actor = acting_user(request)
        participation = event_participation_get(
            event=event_get(event_id=event_id), participation_id=participation_id
        )
        if data["action"] == "approve":
            participation = event_enterprise_approve(actor=actor, participation=participation)
        elif data["action"] == "decline":
            participation = event_enterprise_decline(
                actor=actor, participation=participation, reason=data.get("reason")
            )
        else:
            participation = event_enterprise_withdraw(actor=actor, participation=participation)
        return Response(
            EventParticipationOutputSerializer(participation, context={"request": request}).data
        )


class EventOutcomeApi(APIView):
    @extend_schema(
        responses=EventOutcomeSerializer,
        summary="活动成效统计（仅主办单位）",
    )
    def get(self, request: Request, event_id: int) -> Response:
        actor = acting_user(request)
        event = event_get(event_id=event_id)
        if not user_can_manage_event(actor, event):
            audit_refusal(
                actor=actor, action="event.outcomes_view", target=event, message=MANAGE_REFUSAL
            )
        return Response(event_outcome_counts(event))
