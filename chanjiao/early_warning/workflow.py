"""The transition table of a warning flag: open → responded → closed.

The school answers (学校已回应), the locality's officer closes with a note, and an evaluation
closes a flag its rule no longer finds (when the flag has answers to keep; otherwise the flag is
simply deleted).
"""

from typing import TYPE_CHECKING

from chanjiao.early_warning.models import FlagStatus, WarningFlag
from chanjiao.early_warning.permissions import user_can_manage_warnings, user_can_respond
from chanjiao.workflow.definitions import Transition, Workflow, nobody

if TYPE_CHECKING:
    from chanjiao.accounts.models import User

F = FlagStatus
NOT_CLOSED = frozenset({F.OPEN, F.RESPONDED})


def _may_respond(actor: "User", flag: WarningFlag) -> bool:
    return user_can_respond(actor, flag.school_id)


def _may_close(actor: "User", flag: WarningFlag) -> bool:
    return user_can_manage_warnings(actor, flag.locality)


WARNING_FLAG_WORKFLOW: Workflow[WarningFlag] = Workflow(
    name="warning_flag",
    model=WarningFlag,
    state_field="status",
    audit_prefix="warning",
    object_label="该预警",
    transitions=(
        Transition(
            name="respond",
            sources=NOT_CLOSED,
            target=F.RESPONDED,
            label="回应",
            allowed=_may_respond,
            refusal="只有该校的机构管理员或信息员可以回应本校的专业预警。",
        ),
        Transition(
            name="close",
            sources=NOT_CLOSED,
            target=F.CLOSED,
            label="关闭",
            allowed=_may_close,
            refusal="只有平台管理员或该地区的政府管理员可以关闭专业预警。",
        ),
        Transition(
            name="close_stale",
            sources=NOT_CLOSED,
            target=F.CLOSED,
            label="规则不再命中，自动关闭",
            allowed=nobody,
        ),
    ),
)
