"""Writes: a student's sign-up and claim, the owner's withdraw and resubmit, the school's decisions.

Every step of a claim after it is filed goes through ``STUDENT_CLAIM_WORKFLOW`` (row lock, Chinese
conflict message, history row and audit event ``student_claim.<step>``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from chanjiao.accounts.models import User
from chanjiao.accounts.registration import AccountInput, account_input_check, account_register
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, ConflictError, NotFoundError
from chanjiao.students.forms import ClaimForm, ClaimValues
from chanjiao.students.models import StudentClaim
from chanjiao.students.permissions import schools_user_acts_for
from chanjiao.students.workflow import STUDENT_CLAIM_WORKFLOW
from chanjiao.workflow.services import history_first_step, transition_apply, transition_check

OPEN_CLAIM_EXISTS = "您已有一份未完成的学校确认申请，请等待学校处理，或先撤回该申请。"
REASON_REQUIRED = "退回时必须填写原因，告诉申请人哪里需要改正。"


def form_error(form: ClaimForm) -> ApplicationError:
    """Turn a form's errors into one ``ApplicationError`` naming every field and reason."""
    fields = {name: [str(message) for message in errors] for name, errors in form.errors.items()}
    field, messages = next(iter(fields.items()))
    label = form.fields[field].label if field in form.fields else ""
    message = f"{label}：{messages[0]}" if label else messages[0]
    return ApplicationError(message, extra={"fields": fields, "field": field})


def student_claim_values_clean(data: Mapping[str, Any]) -> ClaimValues:
    """Check a claim's input (school and major by name, cohort, status); raise naming the field."""
    form = ClaimForm(data={key: value for key, value in data.items() if value is not None})
    if not form.is_valid():
        raise form_error(form)
    return form.claim_values()


def student_register_values_clean(
    *, account: AccountInput, claim_data: Mapping[str, Any]
) -> ClaimValues:
    """Check a sign-up's account and claim together; raise one error naming every bad field."""
    problems: list[ApplicationError] = []
    try:
        account_input_check(account)
    except ApplicationError as error:
        problems.append(error)
    try:
        values = student_claim_values_clean(claim_data)
    except ApplicationError as error:
        problems.append(error)
    if not problems:
        return values
    fields: dict[str, list[str]] = {}
    for problem in problems:
        fields.update(problem.extra.get("fields", {}))
    first = problems[0]
    return_field = first.extra.get("field", "")
    raise ApplicationError(first.message, extra={"fields": fields, "field": return_field})


def _claim_create(*, user: User, values: ClaimValues) -> StudentClaim:
    # The user's row lock serialises two filings of one person; the constraint is the backstop.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if StudentClaim.objects.open().filter(user=user).exists():
        raise ConflictError(OPEN_CLAIM_EXISTS)
    try:
        with transaction.atomic():
            claim = StudentClaim.objects.create(user=user, **values.as_fields())
    except IntegrityError:
        raise ConflictError(OPEN_CLAIM_EXISTS) from None
    history_first_step(
        workflow=STUDENT_CLAIM_WORKFLOW.name,
        obj=claim,
        step="file",
        to_state=claim.state,
        actor=user,
    )
    audit_event_record(
        actor=user,
        action="student_claim.file",
        target=claim,
        changes={
            "school": [None, claim.school_id],
            "major": [None, claim.major_id],
            "graduation_year": [None, claim.graduation_year],
            "status": [None, claim.status],
        },
    )
    return claim


def student_claim_file(*, actor: User, values: ClaimValues) -> StudentClaim:
    """File a claim for the signed-in person; refuse a second open claim."""
    with transaction.atomic():
        return _claim_create(user=actor, values=values)


def student_register(*, account: AccountInput, values: ClaimValues) -> StudentClaim:
    """Open a student's account and file their claim in one transaction; raise on bad input."""
    account_input_check(account)
    with transaction.atomic():
        user = account_register(account)
        return _claim_create(user=user, values=values)


def student_claim_withdraw(*, actor: User, claim: StudentClaim) -> StudentClaim:
    """Withdraw the person's own open claim."""
    return transition_apply(
        workflow=STUDENT_CLAIM_WORKFLOW, obj=claim, name="withdraw", actor=actor
    )


def student_claim_resubmit(
    *, actor: User, claim: StudentClaim, values: ClaimValues
) -> StudentClaim:
    """Correct a returned claim and send it to the school again."""
    fields = values.as_fields()
    extra = {
        "school_id": fields.pop("school").pk,
        "major_id": fields.pop("major").pk,
        **fields,
    }
    return transition_apply(
        workflow=STUDENT_CLAIM_WORKFLOW,
        obj=claim,
        name="resubmit",
        actor=actor,
        extra_changes=extra,
    )


def student_claim_confirm(*, actor: User | None, claim: StudentClaim) -> StudentClaim:
    """Confirm a claim for the school and write the person's student profile."""
    return transition_apply(workflow=STUDENT_CLAIM_WORKFLOW, obj=claim, name="confirm", actor=actor)


def student_claim_return(*, actor: User, claim: StudentClaim, reason: str | None) -> StudentClaim:
    """Return a claim to the person with the reason (required) for them to correct it."""
    text = (reason or "").strip()
    transition_check(workflow=STUDENT_CLAIM_WORKFLOW, obj=claim, name="return", actor=actor)
    if not text:
        raise ApplicationError(
            REASON_REQUIRED, extra={"fields": {"reason": [REASON_REQUIRED]}, "field": "reason"}
        )
    return transition_apply(
        workflow=STUDENT_CLAIM_WORKFLOW,
        obj=claim,
        name="return",
        actor=actor,
        reason=text,
        extra_changes={"return_reason": text[:500]},
    )


@dataclass(frozen=True)
class BulkConfirmResult:
    """How many selected claims were confirmed, and how many someone else had handled first."""

    confirmed: int
    skipped: int

    @property
    def message(self) -> str:
        text = f"已确认 {self.confirmed} 份申请。"
        if self.skipped:
            text += f"另有 {self.skipped} 份已被他人处理，未再改动。"
        return text


def student_claims_confirm(*, actor: User, claim_ids: Sequence[int]) -> BulkConfirmResult:
    """Confirm several claims of the schools the actor acts for, in one transaction."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        raise ApplicationError("请先勾选要确认的申请。", extra={"field": "ids"})
    claims = list(
        StudentClaim.objects.filter(pk__in=wanted).select_related("school").order_by("pk")
    )
    acting = {school.pk for school in schools_user_acts_for(actor)}
    missing = len(wanted) - len(claims)
    if missing:
        raise NotFoundError(f"所选申请中有 {missing} 份不存在。", extra={"field": "ids"})
    for claim in claims:
        if claim.school_id not in acting:
            # The workflow refuses (audited) a claim of a school the actor does not act for.
            transition_check(
                workflow=STUDENT_CLAIM_WORKFLOW, obj=claim, name="confirm", actor=actor
            )
    confirmed = 0
    with transaction.atomic():
        for claim in claims:
            try:
                student_claim_confirm(actor=actor, claim=claim)
            except ConflictError:
                continue
            confirmed += 1
    return BulkConfirmResult(confirmed=confirmed, skipped=len(claims) - confirmed)
