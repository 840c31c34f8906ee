"""Writing to the audit log."""

from typing import Any

from django.db import models

from chanjiao.accounts.models import User
from chanjiao.audit.context import current_origin
from chanjiao.audit.models import AuditEvent, AuditResult


def audit_event_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    result: str = AuditResult.SUCCESS,
) -> AuditEvent:
    """Append one event to the audit log, with the current request's origin."""
    origin = current_origin.get()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_repr=(actor.get_username() if is_user and actor else "匿名"),
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=changes or {},
        result=result,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        request_path=origin.path,
    )


def model_changes(
    instance: models.Model, fields: list[str], before: dict[str, Any]
) -> dict[str, Any]:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    changed: dict[str, Any] = {}
    for name in fields:
        new = getattr(instance, name)
        if before.get(name) != new:
            changed[name] = [_plain(before.get(name)), _plain(new)]
    return changed


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)
