"""Changing and resetting one's own password, and unlocking the account after a reset."""

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.lockout import lockout_clear_for_username
from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record


def _password_set(*, user: User, new_password: str) -> User:
    locked = User.objects.select_for_update().get(pk=user.pk)
    locked.set_password(new_password)
    locked.password_changed_at = timezone.now()
    locked.save(update_fields=["password", "password_changed_at"])
    return locked


def password_change(*, actor: User, new_password: str) -> User:
    """Set the signed-in person's new password (already validated by the form) and log it."""
    with transaction.atomic():
        user = _password_set(user=actor, new_password=new_password)
        audit_event_record(actor=user, action="account.password_change", target=user)
    return user


def password_reset_finish(*, user: User, new_password: str) -> User:
    """Set a password chosen through the e-mailed link, unlock the account and log it."""
    with transaction.atomic():
        locked = _password_set(user=user, new_password=new_password)
        removed = lockout_clear_for_username(locked.get_username())
        audit_event_record(
            actor=locked,
            action="account.password_reset",
            target=locked,
            changes={"lockout_records_removed": removed},
        )
    return locked
