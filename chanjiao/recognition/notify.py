"""Tell the applicant's 机构管理员 / 信息员 about each step of their recognition (站内信)."""

from django.urls import reverse

from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.recognition.models import Recognition, RecognitionState
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.definitions import Applied


def applicant_notify(applied: Applied[Recognition]) -> None:
    """Send one notice per step to the applicant, inside the step's transaction."""
    recognition = applied.obj
    if applied.transition.name == "apply":
        return  # the applicant took it
    state = RecognitionState(recognition.status).label
    body = f"{recognition.programme.name}：{applied.transition.label}（当前状态：{state}）。"
    if applied.reason:
        body += f"意见：{applied.reason}"
    notice_send(
        recipients=acting_member_ids(recognition.organization_id),
        notice=Notice(
            category=NoticeCategory.RECOGNITION,
            title=f"认定申报{applied.transition.label}",
            body=body,
            url=reverse("recognition:detail", args=[recognition.pk]),
        ),
    )
