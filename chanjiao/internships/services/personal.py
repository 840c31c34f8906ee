"""The student's phone, shown in full only by an audited reveal."""

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.internships.models import Placement
from chanjiao.internships.permissions import user_sees_personal_data


def placement_phone_reveal(*, actor: User, placement: Placement) -> str:
    """Return the student's phone to the student, the school or the bureau; audit every try."""
    allowed = user_sees_personal_data(actor, placement)
    audit_event_record(
        actor=actor,
        action="placement.personal_data.view",
        target=placement,
        changes={"fields": ["student_phone"]},
        result=AuditResult.SUCCESS if allowed else AuditResult.DENIED,
    )
    if not allowed:
        raise PermissionDeniedError("您无权查看该学生完整的手机号。")
    return str(placement.student.phone)
