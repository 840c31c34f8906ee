"""The transition table of an application: 新投递 → 已查看 → 邀请面试 → 录用 / 不合适.

The publisher's 机构管理员 / 信息员 view (taken automatically the first time one of them opens the
application), invite, hire and decline; the applicant withdraws while it is open (which revokes
the consent); the system closes open applications when the post is closed. The notices to the
other party are written by ``on_applied``, inside the transaction of the step.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.applications.models import (
    OPEN_APPLICATION_STATES,
    Application,
    ApplicationState,
)
from chanjiao.applications.permissions import (
    user_is_applicant,
    user_is_publisher_member,
)
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.definitions import Applied, Transition, Workflow, nobody

S = ApplicationState
OPEN = frozenset(OPEN_APPLICATION_STATES)
PUBLISHER_REFUSAL = "只有招聘单位的机构管理员或信息员可以处理该投递。"
APPLICANT_REFUSAL = "只有投递人本人可以撤回投递。"


def _seen(application: Application, now: datetime) -> None:
    if application.viewed_at is None:
        application.viewed_at = now


def _viewed(application: Application, actor: User | None) -> None:
    _seen(application, timezone.now())


def _invited(application: Application, actor: User | None) -> None:
    now = timezone.now()
    _seen(application, now)
    application.invited_at = now


def _decided(application: Application, actor: User | None) -> None:
    now = timezone.now()
    _seen(application, now)
    application.decided_at = now


def _withdrawn(application: Application, actor: User | None) -> None:
    now = timezone.now()
    application.decided_at = now
    application.consent_withdrawn_at = now


def _closed(application: Application, actor: User | None) -> None:
    application.decided_at = timezone.now()


def _notify(applied: Applied[Application]) -> None:
    """Tell the other party: the applicant of each publisher step, the publisher of a withdrawal."""
    application = applied.obj
    title_post = application.listing.title
    url = reverse("applications:detail", args=[application.pk])
    if applied.transition.name == "withdraw":
        notice_send(
            recipients=acting_member_ids(application.organization_id),
            notice=Notice(
                category=NoticeCategory.APPLICATION,
                title=f"投递已撤回：{title_post}",
                body="投递人撤回了对该岗位的投递，您已无法再查看其联系方式。",
                url=url,
            ),
        )
        return
    label = application.get_state_display()
    if applied.transition.name == "close":
        body = "该岗位已由招聘单位关闭，您的投递随之结束。感谢关注，欢迎投递其他岗位。"
    else:
        body = f"您的投递状态已更新为“{label}”。"
    if application.state_message:
        body += f"\n单位留言：{application.state_message}"
    notice_send(
        recipients=[application.applicant_id],
        notice=Notice(
            category=NoticeCategory.APPLICATION,
            title=f"投递进度：{title_post}（{label}）",
            body=body,
            url=url,
        ),
    )


APPLICATION_WORKFLOW: Workflow[Application] = Workflow(
    name="application",
    model=Application,
    state_field="state",
    audit_prefix="application",
    object_label="该投递",
    on_applied=_notify,
    transitions=(
        Transition(
            name="view",
            sources=frozenset({S.SUBMITTED}),
            target=S.VIEWED,
            label="标记为已查看",
            allowed=user_is_publisher_member,
            refusal=PUBLISHER_REFUSAL,
            apply=_viewed,
        ),
        Transition(
            name="invite",
            sources=frozenset({S.SUBMITTED, S.VIEWED}),
            target=S.INTERVIEW,
            label="邀请面试",
            allowed=user_is_publisher_member,
            refusal=PUBLISHER_REFUSAL,
            apply=_invited,
        ),
        Transition(
            name="hire",
            sources=frozenset({S.SUBMITTED, S.VIEWED, S.INTERVIEW}),
            target=S.HIRED,
            label="录用",
            allowed=user_is_publisher_member,
            refusal=PUBLISHER_REFUSAL,
            apply=_decided,
        ),
        Transition(
            name="decline",
            sources=frozenset({S.SUBMITTED, S.VIEWED, S.INTERVIEW}),
            target=S.DECLINED,
            label="不合适",
            allowed=user_is_publisher_member,
            refusal=PUBLISHER_REFUSAL,
            apply=_decided,
        ),
        Transition(
            name="withdraw",
            sources=OPEN,
            target=S.WITHDRAWN,
            label="撤回投递",
            allowed=user_is_applicant,
            refusal=APPLICANT_REFUSAL,
            apply=_withdrawn,
        ),
        Transition(
            name="close",
            sources=OPEN,
            target=S.CLOSED,
            label="岗位已关闭",
            allowed=nobody,
            refusal="投递随岗位关闭而结束，不能手动关闭。",
            apply=_closed,
        ),
    ),
)
