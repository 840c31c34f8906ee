"""A school answers its flags; the locality's officer closes them with a note."""

from typing import Any

from django.db import transaction

from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.early_warning.models import FlagStatus, ResponseKind, WarningFlag, WarningResponse
from chanjiao.early_warning.permissions import user_can_manage_warnings, user_can_respond

MAX_TEXT = 2000


def _text_clean(text: Any, field: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ApplicationError(f"{field}: 不能为空", extra={"fields": {field: ["不能为空"]}})
    if len(text) > MAX_TEXT:
        message = f"不能超过 {MAX_TEXT} 个字"
        raise ApplicationError(f"{field}: {message}", extra={"fields": {field: [message]}})
    return text.strip()


def warning_response_create(*, flag: WarningFlag, actor: Any, text: Any) -> WarningResponse:
    """Record the school's answer to its own flag; the flag becomes 学校已回应."""
    if not user_can_respond(actor, flag.school_id):
        audit_event_record(
            actor=actor, action="warning.respond", target=flag, result=AuditResult.DENIED
        )
        raise PermissionDeniedError("只有该校的机构管理员或信息员可以回应本校的专业预警。")
    if flag.status == FlagStatus.CLOSED:
        raise ApplicationError("该预警已关闭，不能再回应。")
    body = _text_clean(text, "text")
    with transaction.atomic():
        response = WarningResponse.objects.create(
            flag=flag, author=actor, kind=ResponseKind.SCHOOL, text=body
        )
        flag.status = FlagStatus.RESPONDED
        flag.save(update_fields=["status", "updated_at"])
        audit_event_record(
            actor=actor,
            action="warning.respond",
            target=flag,
            changes={"status": [FlagStatus.OPEN, FlagStatus.RESPONDED]},
        )
    return response


def warning_flag_close(*, flag: WarningFlag, actor: Any, note: Any) -> WarningFlag:
    """Close a flag with the officer's note (staff or the locality's 政府管理员)."""
    if not user_can_manage_warnings(actor, flag.locality):
        audit_event_record(
            actor=actor, action="warning.close", target=flag, result=AuditResult.DENIED
        )
        raise PermissionDeniedError("只有平台管理员或该地区的政府管理员可以关闭专业预警。")
    if flag.status == FlagStatus.CLOSED:
        raise ApplicationError("该预警已关闭。")
    body = _text_clean(note, "note")
    with transaction.atomic():
        before = flag.status
        WarningResponse.objects.create(flag=flag, author=actor, kind=ResponseKind.CLOSE, text=body)
        flag.status = FlagStatus.CLOSED
        flag.save(update_fields=["status", "updated_at"])
        audit_event_record(
            actor=actor,
            action="warning.close",
            target=flag,
            changes={"status": [before, FlagStatus.CLOSED], "note": body},
        )
    return flag
