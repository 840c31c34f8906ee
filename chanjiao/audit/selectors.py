"""Reads of the audit log."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from chanjiao.audit.chain import CHAINED_FIELDS, ChainReport, chain_walk
from chanjiao.audit.models import AuditEvent
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.users import is_audit_administrator

if TYPE_CHECKING:  # audit sits below accounts: the user model is only named in annotations
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User


def audit_event_list(
    *,
    fetched_by: "User | AnonymousUser",
    action: str | None = None,
    actor_id: int | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
) -> QuerySet[AuditEvent]:
    """Return audit events, newest first; the 审计管理员 only (三员分立)."""
    if not is_audit_administrator(fetched_by):
        raise PermissionDeniedError("只有审计管理员可以查看审计日志。")
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


def audit_chain_verify(*, chunk_size: int = 5000) -> ChainReport:
    """Walk the whole log in chain order and report the first broken link (if any)."""
    fields = ["id", "prev_hash", "entry_hash", *CHAINED_FIELDS]
    rows = AuditEvent.objects.order_by("pk").values(*fields).iterator(chunk_size=chunk_size)
    return chain_walk(rows)
