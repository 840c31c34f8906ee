"""Reads of workflows: the transitions a user may take now, and the rows' histories."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models

from chanjiao.workflow.definitions import M, Transition, Workflow
from chanjiao.workflow.models import TransitionRecord
from chanjiao.workflow.services import transition_may_take

if TYPE_CHECKING:  # workflow sits below accounts: the user model is only named in annotations
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User


def transitions_available(
    *, workflow: Workflow[M], obj: M, actor: "User | AnonymousUser | None"
) -> list[Transition[M]]:
    """Return the transitions this user may take on this row now, in declared order.

    A transition is listed when the row's state is among its sources, it fits the row
    (``when``) and the user may take it. Transitions only the system takes are never listed.
    Rules that are not permissions (``check``) are left to the attempt, which explains them.
    """
    if actor is None or not actor.is_authenticated:
        return []
    state = workflow.state_of(obj)
    return [
        transition
        for transition in workflow.transitions
        if state in transition.sources
        and (transition.when is None or transition.when(obj))
        and transition_may_take(transition=transition, obj=obj, actor=actor)
    ]


def transition_actions_available(
    *, workflow: Workflow[M], obj: M, actor: "User | AnonymousUser | None"
) -> list[dict[str, str]]:
    """Return ``[{name, label}]`` of the actions the user may take now (as the API shows them)."""
    seen: dict[str, str] = {}
    for transition in transitions_available(workflow=workflow, obj=obj, actor=actor):
        seen.setdefault(transition.action_name, transition.label)
    return [{"name": name, "label": label} for name, label in seen.items()]


def transition_histories(objs: Sequence[models.Model]) -> dict[str, list[TransitionRecord]]:
    """Return each row's history, oldest step first, keyed by ``str(pk)``; one query for all.

    The rows are of one model (a page of applications, one claim). Every row is a key, with an
    empty list when nothing is recorded yet. The actor of each step is loaded with it.
    """
    histories: dict[str, list[TransitionRecord]] = {str(obj.pk): [] for obj in objs}
    if not objs:
        return histories
    records = (
        TransitionRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(type(objs[0])),
            object_id__in=list(histories),
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    for record in records:
        histories[record.object_id].append(record)
    return histories


def transition_history(obj: models.Model) -> list[TransitionRecord]:
    """Return one row's history, oldest step first."""
    return transition_histories([obj])[str(obj.pk)]
