"""Changing a member's role and removing a member; the last administrator always stays."""

from django.db import transaction

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError, NotFoundError
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import (
    invitable_roles,
    organization_admin_role,
    user_can_manage_members,
)

MANAGE_REFUSAL = "您无权管理该机构的成员。"


def membership_get_for_organization(
    *, organization: Organization, membership_id: int
) -> Membership:
    """Return an active membership of this organisation, or ``NotFoundError``."""
    membership = (
        Membership.objects.select_related("user", "organization", "organization__region")
        .filter(pk=membership_id, organization=organization, is_active=True)
        .first()
    )
    if membership is None:
        raise NotFoundError("未找到该成员，可能已被移出本机构。")
    return membership


def _refuse_if_last_admin(*, organization: Organization, membership: Membership, verb: str) -> None:
    """Under the organisation's row lock: refuse to leave it without an administrator."""
    admin_role = organization_admin_role(organization)
    if membership.role != admin_role:
        return
    others = (
        Membership.objects.filter(organization=organization, role=admin_role, is_active=True)
        .exclude(pk=membership.pk)
        .count()
    )
    if others == 0:
        label = Role(admin_role).label
        raise ConflictError(
            f"不能{verb}该机构最后一位{label}。请先邀请另一位{label}并等其接受后再操作。",
            extra={"field": "role"},
        )


def membership_role_change(*, actor: User, membership: Membership, role: str) -> Membership:
    """Give a member another role in the same organisation (never demote the last administrator)."""
    organization = membership.organization
    if not user_can_manage_members(actor, organization):
        audit_refusal(
            actor=actor,
            action="membership.role_change",
            target=membership,
            message=MANAGE_REFUSAL,
        )
    if role not in invitable_roles(organization):
        message = "该机构没有这个角色，请重新选择。"
        raise ApplicationError(message, extra={"field": "role", "fields": {"role": [message]}})
    with transaction.atomic():
        locked_org = Organization.objects.select_for_update().get(pk=organization.pk)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if not locked.is_active:
            raise ConflictError("该成员已被移出本机构。")
        if locked.role == role:
            return locked
        if Membership.objects.filter(
            user_id=locked.user_id, organization=locked_org, role=role, is_active=True
        ).exists():
            message = "该成员已有这个角色。"
            raise ApplicationError(message, extra={"field": "role", "fields": {"role": [message]}})
        _refuse_if_last_admin(organization=locked_org, membership=locked, verb="更改")
        # A former, inactive membership with the new role would collide with the unique rule.
        Membership.objects.filter(
            user_id=locked.user_id, organization=locked_org, role=role, is_active=False
        ).delete()
        before = locked.role
        locked.role = role
        locked.save(update_fields=["role", "updated_at"])
        audit_event_record(
            actor=actor,
            action="membership.role_change",
            target=locked,
            changes={"role": [before, role]},
        )
    return locked


def membership_remove(*, actor: User, membership: Membership) -> Membership:
    """Remove a member from the organisation (never the last administrator)."""
    organization = membership.organization
    if not user_can_manage_members(actor, organization):
        audit_refusal(
            actor=actor,
            action="membership.remove",
            target=membership,
            message=MANAGE_REFUSAL,
        )
    with transaction.atomic():
        locked_org = Organization.objects.select_for_update().get(pk=organization.pk)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if not locked.is_active:
            raise ConflictError("该成员已被移出本机构。")
        _refuse_if_last_admin(organization=locked_org, membership=locked, verb="移出")
        locked.is_active = False
        locked.save(update_fields=["is_active", "updated_at"])
        audit_event_record(
            actor=actor,
            action="membership.remove",
            target=locked,
            changes={"is_active": [True, False], "role": [locked.role, None]},
        )
    return locked
