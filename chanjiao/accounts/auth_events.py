"""Sign-in, sign-out and failed sign-in go to the audit log, through Django's auth signals."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record


@receiver(user_logged_in, dispatch_uid="chanjiao_audit_login")
def _logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_event_record(actor=user, action="auth.login", target=user)


@receiver(user_logged_out, dispatch_uid="chanjiao_audit_logout")
def _logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_event_record(actor=user, action="auth.logout", target=user)


@receiver(user_login_failed, dispatch_uid="chanjiao_audit_login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    audit_event_record(
        actor=None,
        action="auth.login_failed",
        changes={"username": str(credentials.get("username", ""))[:150]},
        result=AuditResult.FAILED,
    )
