"""Helpers the locality services share: the edit check, and values as the audit log shows them."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_refusal, changes_between
from chanjiao.localities.models import Locality, format_number
from chanjiao.localities.permissions import user_can_manage_locality

EDIT_DENIED_MESSAGE = "只有平台管理员或该地区的政府管理员可以修改地区配置。"


def check_can_edit(*, actor: User, locality: Locality, action: str, target: models.Model) -> None:
    """Refuse (and audit the refusal) unless the actor may change this locality's profile."""
    if not user_can_manage_locality(actor, locality):
        audit_refusal(actor=actor, action=action, target=target, message=EDIT_DENIED_MESSAGE)


def plain(value: Any) -> Any:
    """Return a value as the audit log stores it: numbers as written, regions by code."""
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return getattr(value, "code", None) or str(value.pk)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return ``{field: [old, new]}`` for the fields whose value changed, as the log shows them."""
    return changes_between(before, after, render=plain)


def created(values: dict[str, Any]) -> dict[str, list[Any]]:
    """Return the audit changes of a new row: every field from nothing to its value."""
    return {name: [None, plain(value)] for name, value in values.items()}


def removed(values: dict[str, Any]) -> dict[str, list[Any]]:
    """Return the audit changes of a deleted row: every field from its value to nothing."""
    return {name: [plain(value), None] for name, value in values.items()}
