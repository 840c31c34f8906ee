"""The transition table of a contact request: 待学校答复 → 已接受 / 已婉拒 / 已撤回.

Accepting carries the contact person (checked by ``services.contact_request_accept`` before the
step). Every step tells the other side in its inbox, inside the transaction of the change.
"""

from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.permissions import (
    user_can_answer_request,
    user_can_withdraw_request,
)
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.definitions import Applied, Transition, Workflow

S = ContactRequestState
ANSWER_REFUSAL = "只有该校的机构管理员或信息员可以答复联系请求。"
WITHDRAW_REFUSAL = "只有提出请求的单位的机构管理员或信息员可以撤回该请求。"


def cohort_text(request: ContactRequest) -> str:
    """The major and year a request is about, as people read it: “数控技术（2026届）”."""
    return f"{request.major.name}（{request.graduation_year}届）"


def _set_answered(request: ContactRequest, actor: User | None) -> None:
    request.answered_by = actor
    request.answered_at = timezone.now()


def _notify(applied: Applied[ContactRequest]) -> None:
    """Tell the other side of the step in their inbox (inside the transaction)."""
    request = applied.obj
    url = reverse("contact_requests:detail", kwargs={"request_id": request.pk})
    cohort = cohort_text(request)
    state = request.state
    if state == S.WITHDRAWN:
        recipients = acting_member_ids(request.school_id)
        title = f"{request.enterprise.name}撤回了联系请求"
        body = f"{request.enterprise.name}撤回了就{cohort}毕业生提出的联系请求，无需再答复。"
    else:
        recipients = acting_member_ids(request.enterprise_id)
        verb = "接受" if state == S.ACCEPTED else "婉拒"
        title = f"{request.school.name}已{verb}您的联系请求"
        body = f"{request.school.name}已{verb}贵单位就{cohort}毕业生提出的联系请求。"
        if state == S.ACCEPTED:
            body += "请打开请求查看学校联系人。"
        elif request.decline_reason:
            body += f"原因：{request.decline_reason}"
    notice = Notice(category=NoticeCategory.CONTACT, title=title, body=body, url=url)
    notice_send(recipients=recipients, notice=notice)


CONTACT_REQUEST_WORKFLOW: Workflow[ContactRequest] = Workflow(
    name="contact_request",
    model=ContactRequest,
    state_field="state",
    audit_prefix="contact_request",
    object_label="该联系请求",
    on_applied=_notify,
    transitions=(
        Transition(
            name="accept",
            sources=frozenset({S.PENDING}),
            target=S.ACCEPTED,
            label="接受并提供联系人",
            allowed=user_can_answer_request,
            refusal=ANSWER_REFUSAL,
            apply=_set_answered,
        ),
        Transition(
            name="decline",
            sources=frozenset({S.PENDING}),
            target=S.DECLINED,
            label="婉拒",
            allowed=user_can_answer_request,
            refusal=ANSWER_REFUSAL,
            apply=_set_answered,
        ),
        Transition(
            name="withdraw",
            sources=frozenset({S.PENDING}),
            target=S.WITHDRAWN,
            label="撤回",
            allowed=user_can_withdraw_request,
            refusal=WITHDRAW_REFUSAL,
        ),
    ),
)
