"""Writing to the audit log."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models, transaction
from django.utils import timezone

from chanjiao.audit.chain import CHAINED_FIELDS, GENESIS, chain_lock, event_digest
from chanjiao.audit.context import current_origin
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.masking import mask_personal_values

if TYPE_CHECKING:  # audit sits below accounts: the user model is only named in annotations
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User


def audit_event_record(
    *,
    actor: "User | AnonymousUser | None",
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    result: str = AuditResult.SUCCESS,
) -> AuditEvent:
    """Append one event to the audit log, with the current request's origin, chained by hash.

    Phones and ID numbers in ``changes`` are stored masked, whoever the caller.
    """
    origin = current_origin.get()
    user = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=user,
        actor_repr=user.get_username() if user is not None else "匿名",
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        changes=mask_personal_values(changes or {}),
        result=result,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        request_path=origin.path,
    )
    with transaction.atomic():
        chain_lock()
        event.prev_hash = (
            AuditEvent.objects.order_by("-pk").values_list("entry_hash", flat=True).first()
            or GENESIS
        )
        event.entry_hash = event_digest(
            {name: getattr(event, name) for name in CHAINED_FIELDS}, event.prev_hash
        )
        event.save()
    return event


def audit_refusal(
    *,
    actor: "User | AnonymousUser | None",
    action: str,
    message: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> NoReturn:
    """Record a refused action in the audit log, then raise ``PermissionDeniedError(message)``.

    Call it before any write transaction opens: a rolled-back transaction would take the
    refusal out of the log with it.
    """
    audit_event_record(
        actor=actor, action=action, target=target, changes=changes, result=AuditResult.DENIED
    )
    raise PermissionDeniedError(message)


def changes_between(
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    render: Callable[[Any], Any] | None = None,
) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for the fields of ``after`` whose value differs in ``before``.

    ``render`` turns each value into what the audit log stores (default: rows by primary key,
    dates and decimals as text, plain JSON values unchanged).
    """
    show = render or _plain
    return {
        name: [show(before.get(name)), show(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def model_changes(
    instance: models.Model, fields: list[str], before: dict[str, Any]
) -> dict[str, Any]:
    """Return ``{field: [old, new]}`` for the fields whose value changed."""
    return changes_between(before, {name: getattr(instance, name) for name in fields})


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)
