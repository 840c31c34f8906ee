"""How an app declares the life of one of its models: states, transitions, who may take them.

The owning app declares one ``Workflow`` per model (e.g. ``chanjiao/listings/workflow.py``);
``chanjiao.workflow.services.transition_apply`` takes a transition and
``chanjiao.workflow.selectors.transitions_available`` lists those a user may take now.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import models

if TYPE_CHECKING:  # workflow sits below accounts: the user model is only named in annotations
    from chanjiao.accounts.models import User

M = TypeVar("M", bound=models.Model)

# Who may take a transition on a row. Never asked about the system (``actor=None``: the
# scheduler and the CLI), which may take any transition.
Allowed = Callable[["User", M], bool]
# The Chinese message of a refusal: a fixed text, or one that depends on the actor and the row.
Refusal = str | Callable[["User", M], str]


def nobody(actor: "User", obj: Any) -> bool:
    """Allow no user: a transition only the system takes (``actor=None``)."""
    return False


@dataclass(frozen=True)
class Transition(Generic[M]):
    """One declared step: from any of ``sources`` to ``target``.

    - ``allowed`` decides whether a user may take it (the system, ``actor=None``, always may);
      a refused user gets ``refusal`` and a DENIED audit event.
    - ``check`` runs on the locked row after the state check and raises ``ApplicationError``
      for a rule that is not a permission (e.g. "the publisher must be verified").
    - ``apply`` sets the other fields of the step on the locked row (reviewer, timestamps...).
    - ``when`` tells whether the step fits the row at all (e.g. "approve for later" only for
      an item that starts in the future); the selector lists only steps that fit.
    - ``side_effects`` run after the transaction commits, each with the saved row.
    - ``action`` is the name the audit log, the history and the API use (default ``name``);
      two alternative steps of one user action share it.
    """

    name: str
    sources: frozenset[str]
    target: str
    label: str
    allowed: Allowed[M]
    refusal: Refusal[M] = "您无权执行该操作。"
    check: Callable[[M], None] | None = None
    apply: Callable[[M, "User | None"], None] | None = None
    when: Callable[[M], bool] | None = None
    side_effects: tuple[Callable[[M], None], ...] = ()
    action: str = ""

    @property
    def action_name(self) -> str:
        return self.action or self.name

    def refusal_message(self, actor: "User", obj: M) -> str:
        return self.refusal(actor, obj) if callable(self.refusal) else self.refusal


@dataclass(frozen=True)
class Applied(Generic[M]):
    """A transition just taken, as the workflow's ``on_applied`` hook sees it."""

    obj: M
    transition: Transition[M]
    from_state: str
    actor: "User | None"
    reason: str


@dataclass(frozen=True)
class Workflow(Generic[M]):
    """The transition table of one model.

    ``audit_prefix`` names the audit events (``<prefix>.<action>``); ``state_labels`` gives the
    Chinese name of each state for messages (defaults to the state field's choices);
    ``object_label`` names the row in messages (“该信息当前状态为…”). ``on_applied`` runs inside
    the transaction after every transition, for the app's own history or derived data.
    """

    name: str
    model: type[M]
    state_field: str
    transitions: tuple[Transition[M], ...]
    audit_prefix: str
    object_label: str = "该信息"
    state_labels: dict[str, str] = field(default_factory=dict)
    on_applied: "Callable[[Applied[M]], None] | None" = None

    def __post_init__(self) -> None:
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"流程 {self.name} 的操作名称重复：{names}")

    def get(self, name: str) -> Transition[M]:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(f"流程 {self.name} 没有操作 {name}")

    def fitting(self, name: str, obj: M) -> Transition[M]:
        """Return the step ``name`` stands for on this row.

        ``name`` is a transition's name, or an action that several alternative transitions
        share (e.g. "approve": publish now, or wait for the start date); then the first
        alternative whose ``when`` fits the row is taken.
        """
        alternatives = [t for t in self.transitions if t.action_name == name]
        for transition in alternatives if len(alternatives) > 1 else ():
            if transition.when is None or transition.when(obj):
                return transition
        return self.get(name)

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def state_label(self, state: str) -> str:
        if state in self.state_labels:
            return self.state_labels[state]
        state_field = self.model._meta.get_field(self.state_field)
        choices: Iterable[tuple[Any, Any]] = (
            state_field.choices if isinstance(state_field, models.Field) else None
        ) or ()
        return str(dict(choices).get(state, state))
