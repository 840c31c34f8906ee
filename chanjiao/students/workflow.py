"""The transition table of a student's claim: 待学校确认 → 已确认 / 已退回 / 已撤回.

A returned claim goes back to 待学校确认 when its owner corrects and resubmits it. Confirming
writes the person's ``StudentProfile`` on the locked claim, in the same transaction.
"""

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile
from chanjiao.students.permissions import user_can_decide_claim, user_owns_claim
from chanjiao.workflow.definitions import Transition, Workflow

S = ClaimState
DECIDE_REFUSAL = "只有该校的机构管理员或信息员可以处理学生的学校确认申请。"
OWNER_REFUSAL = "只有申请人本人可以撤回或修改该申请。"


def _set_decided(claim: StudentClaim, actor: User | None) -> None:
    claim.decided_by = actor
    claim.decided_at = timezone.now()


def _confirm(claim: StudentClaim, actor: User | None) -> None:
    """Record the decision and create or update the person's profile from the claim."""
    _set_decided(claim, actor)
    claim.return_reason = ""
    StudentProfile.objects.update_or_create(
        user_id=claim.user_id,
        defaults={
            "school_id": claim.school_id,
            "major_id": claim.major_id,
            "graduation_year": claim.graduation_year,
            "enrollment_year": claim.enrollment_year,
            "student_number": claim.student_number,
            "status": claim.status,
        },
    )


def _resubmitted(claim: StudentClaim, actor: User | None) -> None:
    claim.submitted_at = timezone.now()
    claim.return_reason = ""
    claim.decided_by = None
    claim.decided_at = None


STUDENT_CLAIM_WORKFLOW: Workflow[StudentClaim] = Workflow(
    name="student_claim",
    model=StudentClaim,
    state_field="state",
    audit_prefix="student_claim",
    object_label="该申请",
    transitions=(
        Transition(
            name="confirm",
            sources=frozenset({S.PENDING}),
            target=S.CONFIRMED,
            label="确认",
            allowed=user_can_decide_claim,
            refusal=DECIDE_REFUSAL,
            apply=_confirm,
        ),
        Transition(
            name="return",
            sources=frozenset({S.PENDING}),
            target=S.RETURNED,
            label="退回",
            allowed=user_can_decide_claim,
            refusal=DECIDE_REFUSAL,
            apply=_set_decided,
        ),
        Transition(
            name="withdraw",
            sources=frozenset({S.PENDING, S.RETURNED}),
            target=S.WITHDRAWN,
            label="撤回",
            allowed=user_owns_claim,
            refusal=OWNER_REFUSAL,
        ),
        Transition(
            name="resubmit",
            sources=frozenset({S.RETURNED}),
            target=S.PENDING,
            label="修改后重新提交",
            allowed=user_owns_claim,
            refusal=OWNER_REFUSAL,
            apply=_resubmitted,
        ),
    ),
)
