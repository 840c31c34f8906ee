"""The transition table of a placement: 计划 → 协议已签 → 实习中 → 已完成 / 提前终止; 计划 → 已取消.

``sign`` is taken by the confirmation that completes the agreement (``agreement_confirm``);
``start`` needs the agreement (follow and post internships) and the liability insurance;
``terminate`` needs a reason.
"""

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.internships.gates import (
    agreement_missing_roles,
    agreement_refusal,
    insurance_refusal,
)
from chanjiao.internships.models import Incident, IncidentState, Placement, PlacementState
from chanjiao.internships.permissions import (
    user_acts_for_a_party,
    user_acts_for_school,
    user_acts_for_school_or_enterprise,
    user_watches_placement,
)
from chanjiao.workflow.definitions import Transition, Workflow

S = PlacementState
SCHOOL_REFUSAL = "只有学生所在学校的机构管理员或信息员可以执行该操作。"
PARTIES_REFUSAL = "只有学校或实习单位的机构管理员、信息员可以执行该操作。"


def _check_agreement_confirmed(placement: Placement) -> None:
    missing = agreement_missing_roles(placement)
    if missing:
        raise ApplicationError("三方协议尚有签约方未确认。", extra={"missing": missing})


def _check_start(placement: Placement) -> None:
    reasons = [
        text for text in (agreement_refusal(placement), insurance_refusal(placement)) if text
    ]
    if reasons:
        raise ApplicationError("不能开始实习：" + "；".join(reasons), extra={"reasons": reasons})


def _started(placement: Placement, actor: User | None) -> None:
    placement.started_at = timezone.now()


def _ended(placement: Placement, actor: User | None) -> None:
    placement.ended_at = timezone.now()


PLACEMENT_WORKFLOW: Workflow[Placement] = Workflow(
    name="placement",
    model=Placement,
    state_field="status",
    audit_prefix="placement",
    object_label="该实习安排",
    transitions=(
        Transition(
            name="sign",
            sources=frozenset({S.PLANNED}),
            target=S.SIGNED,
            label="协议已签",
            allowed=user_acts_for_a_party,
            refusal="只有协议的签约方可以确认协议。",
            check=_check_agreement_confirmed,
        ),
        Transition(
            name="start",
            sources=frozenset({S.PLANNED, S.SIGNED}),
            target=S.ACTIVE,
            label="开始实习",
            allowed=user_acts_for_school_or_enterprise,
            refusal=PARTIES_REFUSAL,
            check=_check_start,
            apply=_started,
        ),
        Transition(
            name="complete",
            sources=frozenset({S.ACTIVE}),
            target=S.COMPLETED,
            label="实习完成",
            allowed=user_acts_for_school,
            refusal=SCHOOL_REFUSAL,
            apply=_ended,
        ),
        Transition(
            name="terminate",
            sources=frozenset({S.ACTIVE}),
            target=S.TERMINATED,
            label="提前终止",
            allowed=user_acts_for_school_or_enterprise,
            refusal=PARTIES_REFUSAL,
            apply=_ended,
        ),
        Transition(
            name="cancel",
            sources=frozenset({S.PLANNED}),
            target=S.CANCELLED,
            label="取消",
            allowed=user_acts_for_school,
            refusal=SCHOOL_REFUSAL,
        ),
    ),
)


def _incident_watcher(user: User, incident: Incident) -> bool:
    return user_watches_placement(user, incident.placement)


def _handled(incident: Incident, actor: User | None) -> None:
    incident.handled_by = actor
    incident.handled_at = timezone.now()


IS = IncidentState
INCIDENT_REFUSAL = "只有学生所在学校或教育主管部门可以处理突发事件。"

INCIDENT_WORKFLOW: Workflow[Incident] = Workflow(
    name="internship_incident",
    model=Incident,
    state_field="status",
    audit_prefix="internship_incident",
    object_label="该突发事件",
    transitions=(
        Transition(
            name="handle",
            sources=frozenset({IS.REPORTED}),
            target=IS.HANDLED,
            label="已处理",
            allowed=_incident_watcher,
            refusal=INCIDENT_REFUSAL,
            apply=_handled,
        ),
        Transition(
            name="close",
            sources=frozenset({IS.REPORTED, IS.HANDLED}),
            target=IS.CLOSED,
            label="关闭",
            allowed=_incident_watcher,
            refusal=INCIDENT_REFUSAL,
            apply=_handled,
        ),
    ),
)
