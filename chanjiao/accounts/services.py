"""Personal data access: reveal a masked field to someone with the right, and log it."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError

PERSONAL_FIELDS = {"phone": "手机号", "id_number": "身份证号"}


def user_may_view_personal_data(viewer: User | AnonymousUser, subject: User) -> bool:
    """The person themself, or a holder of the 查看完整个人信息 right."""
    if not viewer.is_authenticated:
        return False
    return viewer.pk == subject.pk or viewer.has_perm("accounts.view_personal_data")


def personal_data_reveal(*, actor: User, subject: User, field: str) -> str:
    """Return one personal field in full and record the access; refuse and record otherwise."""
    if field not in PERSONAL_FIELDS:
        raise ApplicationError(
            "字段 field 只能是 phone（手机号）或 id_number（身份证号）。", extra={"field": "field"}
        )
    allowed = user_may_view_personal_data(actor, subject)
    audit_event_record(
        actor=actor,
        action="personal_data.reveal",
        target=subject,
        changes={"field": field},
        result=AuditResult.SUCCESS if allowed else AuditResult.DENIED,
    )
    if not allowed:
        raise PermissionDeniedError(f"您无权查看该用户完整的{PERSONAL_FIELDS[field]}。")
    return str(getattr(subject, field))
