"""A school answers its flags; the locality's officer closes them with a note."""

from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.models import ResponseKind, WarningFlag, WarningResponse
from chanjiao.early_warning.workflow import WARNING_FLAG_WORKFLOW
from chanjiao.workflow.services import transition_apply, transition_check

MAX_TEXT = 2000


def _text_clean(text: Any, field: str, label: str, hint: str) -> str:
    """Return the stripped text; refuse an empty or over-long one with a message naming it."""
    if not isinstance(text, str) or not text.strip():
        raise ApplicationError(f"{label}不能为空：{hint}", extra={"fields": {field: ["不能为空"]}})
    if len(text) > MAX_TEXT:
        message = f"不能超过 {MAX_TEXT} 个字"
        raise ApplicationError(
            f"{label}{message}（现有 {len(text)} 个字），请精简后再提交。",
            extra={"fields": {field: [message]}},
        )
    return text.strip()


def warning_response_create(*, flag: WarningFlag, actor: User, text: Any) -> WarningResponse:
    """Record the school's answer to its own flag; the flag becomes 学校已回应."""
    transition_check(workflow=WARNING_FLAG_WORKFLOW, obj=flag, name="respond", actor=actor)
    body = _text_clean(text, "text", "回应内容", "请写明本校的整改措施或说明。")
    with transaction.atomic():
        transition_apply(workflow=WARNING_FLAG_WORKFLOW, obj=flag, name="respond", actor=actor)
        return WarningResponse.objects.create(
            flag=flag, author=actor, kind=ResponseKind.SCHOOL, text=body
        )


def warning_flag_close(*, flag: WarningFlag, actor: User, note: Any) -> WarningFlag:
    """Close a flag with the officer's note (staff or the locality's 政府管理员)."""
    transition_check(workflow=WARNING_FLAG_WORKFLOW, obj=flag, name="close", actor=actor)
    body = _text_clean(note, "note", "关闭说明", "请写明关闭该预警的理由。")
    with transaction.atomic():
        transition_apply(
            workflow=WARNING_FLAG_WORKFLOW,
            obj=flag,
            name="close",
            actor=actor,
            reason=body[:500],
            audit_changes={"note": body},
        )
        WarningResponse.objects.create(flag=flag, author=actor, kind=ResponseKind.CLOSE, text=body)
    return flag
