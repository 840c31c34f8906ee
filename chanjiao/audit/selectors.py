"""Reads of the audit log."""

from typing import Any

from django.db.models import QuerySet

from chanjiao.accounts.permissions import is_platform_staff
from chanjiao.audit.models import AuditEvent
from chanjiao.common.exceptions import PermissionDeniedError


def audit_event_list(
    *,
    fetched_by: Any,
    action: str | None = None,
    actor_id: int | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
) -> QuerySet[AuditEvent]:
    """Return audit events, newest first; platform staff only."""
    if not is_platform_staff(fetched_by):
        raise PermissionDeniedError("只有平台管理员可以查看审计日志。")
    qs = AuditEvent.objects.all()
    if action:
        qs = qs.filter(action=action)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if target_type:
        qs = qs.filter(target_type=target_type)
    if target_id:
        qs = qs.filter(target_id=target_id)
    return qs.order_by("-occurred_at", "-pk")
