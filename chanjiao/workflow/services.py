"""Taking a declared transition: checked, row-locked, recorded, audited, side effects after."""

from functools import partial
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from chanjiao.audit.services import audit_event_record, audit_refusal, changes_between
from chanjiao.common.exceptions import ConflictError
from chanjiao.common.users import account_or_none
from chanjiao.workflow.definitions import Applied, M, Transition, Workflow
from chanjiao.workflow.models import TransitionRecord

if TYPE_CHECKING:  # workflow sits below accounts: the user model is only named in annotations
    from chanjiao.accounts.models import User


def transition_may_take(*, transition: Transition[M], obj: M, actor: "User | None") -> bool:
    """Tell whether the actor may take this transition on this row (the system always may)."""
    if actor is None:
        return True
    account = account_or_none(actor)
    return account is not None and transition.allowed(account, obj)


def transition_apply(
    *,
    workflow: Workflow[M],
    obj: M,
    name: str,
    actor: "User | None",
    reason: str = "",
    snapshot: dict[str, Any] | None = None,
    extra_changes: dict[str, Any] | None = None,
    audit_changes: dict[str, Any] | None = None,
) -> M:
    """Take the transition ``name`` on ``obj`` and return the row as saved.

    ``name`` may be an action shared by alternative transitions; the one whose ``when`` fits the
    locked row is taken (``Workflow.fitting``).

    A refused actor gets a DENIED audit event and ``PermissionDeniedError``. The row is then
    re-read under ``select_for_update()``: if its state is not among the transition's sources
    (someone else was first), ``ConflictError`` says so and nothing changes. Otherwise the
    transition's ``check`` runs, the target state and ``extra_changes`` are set, its ``apply``
    runs, the row is saved, one ``TransitionRecord`` and one audit event are written, and the
    declared side effects are queued to run after the commit.

    To write more rows in the same transaction, call ``transition_check`` first (outside any
    transaction, so a refusal stays in the audit log), then this inside your own
    ``transaction.atomic()``; the lock is held until that transaction ends.
    """
    transition = workflow.fitting(name, obj)
    _refuse_unless_allowed(workflow=workflow, transition=transition, obj=obj, actor=actor)
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        transition = workflow.fitting(name, locked)
        before = workflow.state_of(locked)
        _refuse_unless_source(workflow=workflow, transition=transition, state=before)
        if transition.check is not None:
            transition.check(locked)
        values = {workflow.state_field: transition.target, **(extra_changes or {})}
        previous = {field: getattr(locked, field) for field in values}
        for field, value in values.items():
            setattr(locked, field, value)
        if transition.apply is not None:
            transition.apply(locked, actor)
        locked.save()
        _record(
            workflow=workflow,
            transition=transition,
            obj=locked,
            actor=actor,
            from_state=before,
            reason=reason,
            snapshot=snapshot,
        )
        changes: dict[str, Any] = changes_between(previous, values)
        changes[workflow.state_field] = [before, transition.target]
        if reason:
            changes["reason"] = reason
        changes.update(audit_changes or {})
        audit_event_record(
            actor=actor,
            action=f"{workflow.audit_prefix}.{transition.action_name}",
            target=locked,
            changes=changes,
        )
        if workflow.on_applied is not None:
            workflow.on_applied(
                Applied(
                    obj=locked,
                    transition=transition,
                    from_state=before,
                    actor=actor,
                    reason=reason,
                )
            )
        for effect in transition.side_effects:
            transaction.on_commit(partial(effect, locked))
    _copy_fields(source=locked, target=obj)
    return obj


def transition_check(*, workflow: Workflow[M], obj: M, name: str, actor: "User | None") -> None:
    """Refuse early, as ``transition_apply`` would: the actor (audited), then the row's state.

    For services that validate their own input between the two checks and the transition,
    or write more rows in an outer transaction: call this first, outside any transaction,
    so that a refusal stays in the audit log. ``transition_apply`` checks again under the lock.
    """
    transition = workflow.fitting(name, obj)
    _refuse_unless_allowed(workflow=workflow, transition=transition, obj=obj, actor=actor)
    _refuse_unless_source(workflow=workflow, transition=transition, state=workflow.state_of(obj))


def _refuse_unless_allowed(
    *, workflow: Workflow[M], transition: Transition[M], obj: M, actor: "User | None"
) -> None:
    if actor is None or transition_may_take(transition=transition, obj=obj, actor=actor):
        return
    # Before any transaction opens, so the refusal stays in the audit log.
    audit_refusal(
        actor=actor,
        action=f"{workflow.audit_prefix}.{transition.action_name}",
        target=obj,
        message=transition.refusal_message(actor, obj),
    )


def _refuse_unless_source(*, workflow: Workflow[M], transition: Transition[M], state: str) -> None:
    if state in transition.sources:
        return
    raise ConflictError(
        f"{workflow.object_label}当前状态为“{workflow.state_label(state)}”，"
        f"不能执行“{transition.label}”（可能已被他人处理）。",
        extra={"state": state, "transition": transition.name},
    )


def _record(
    *,
    workflow: Workflow[M],
    transition: Transition[M],
    obj: M,
    actor: "User | None",
    from_state: str,
    reason: str,
    snapshot: dict[str, Any] | None,
) -> TransitionRecord:
    return TransitionRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        workflow=workflow.name,
        transition=transition.action_name,
        from_state=from_state,
        to_state=workflow.state_of(obj),
        actor=account_or_none(actor),
        reason=reason[:500],
        snapshot=snapshot or {},
    )


def history_first_step(
    *, workflow: str, obj: models.Model, step: str, to_state: str, actor: "User | None"
) -> TransitionRecord:
    """Record the step that created ``obj`` (filed, submitted, registered) in its history.

    Creating a row is not a transition (there is no state before it), so the service that
    creates it writes this first history row itself, inside its own transaction.
    """
    return TransitionRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        workflow=workflow,
        transition=step,
        from_state="",
        to_state=to_state,
        actor=account_or_none(actor),
    )


def _copy_fields(*, source: models.Model, target: models.Model) -> None:
    """Give the caller's instance the saved values, so it sees the new state."""
    if source is target:
        return
    for model_field in source._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))
