"""Writes to organisations, their majors and their members; every change is audited."""

from typing import Any

from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    user_governs_region_code,
)
from chanjiao.audit.services import audit_event_record, audit_refusal, model_changes
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization, OrganizationType, SchoolMajor
from chanjiao.organizations.permissions import (
    user_can_act_for_organization,
    user_can_administer_organization,
    user_may_create_government_in,
)
from chanjiao.organizations.selectors import credit_code_duplicate_message
from chanjiao.organizations.workflow import ORGANIZATION_VERIFICATION, REVERIFY_REASON
from chanjiao.workflow.services import transition_apply

EDITABLE_FIELDS = [
    "name",
    "region",
    "credit_code",
    "school_code",
    "industry",
    "employee_count",
    "is_above_designated_size",
    "address",
    "website",
    "description",
    "contact_name",
    "contact_phone",
    "contact_email",
]
# Changing one of these on a verified organisation sends it back to verification.
IDENTITY_FIELDS = ("name", "credit_code")


def organization_create(*, actor: User, data: dict[str, Any]) -> Organization:
    """Register an organisation; staff anywhere, a 政府管理员 within their region."""
    organization = Organization(**data)
    region_code = organization.region.code if organization.region_id else None
    if not (is_platform_staff(actor) or user_governs_region_code(actor, region_code)):
        audit_refusal(
            actor=actor,
            action="organization.create",
            target=None,
            message="只有平台管理员或该地区的政府管理员可以登记机构。",
        )
    if (
        organization.org_type == OrganizationType.GOVERNMENT
        and organization.region_id
        and not user_may_create_government_in(actor, organization.region)
    ):
        audit_refusal(
            actor=actor,
            action="organization.create",
            target=None,
            message="您只能为本地区下辖的区县（或下级地区）开设政府部门。",
        )
    with transaction.atomic():
        organization.full_clean()
        organization.save()
        audit_event_record(
            actor=actor,
            action="organization.create",
            target=organization,
            changes={k: [None, str(v)] for k, v in data.items()},
        )
    return organization


def organization_update(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> Organization:
    """Change an organisation's profile; its 机构管理员, a 政府管理员 of its region, or staff.

    A verified organisation whose name or 统一社会信用代码 changes goes back to 未认证 (a
    ``reverify`` transition in its history) and waits again in its region's verification queue.
    """
    _check_update_allowed(actor=actor, organization=organization, data=data)
    with transaction.atomic():
        return _organization_update(actor=actor, organization=organization, data=data)


def _check_update_allowed(*, actor: User, organization: Organization, data: dict[str, Any]) -> None:
    if not user_can_administer_organization(actor, organization):
        audit_refusal(
            actor=actor,
            action="organization.update",
            target=organization,
            message="您无权修改该机构的信息。",
        )
    new_region = data.get("region")
    if (
        new_region is not None
        and new_region != organization.region
        and not (is_platform_staff(actor) or user_governs_region_code(actor, new_region.code))
    ):
        audit_refusal(
            actor=actor,
            action="organization.update",
            target=organization,
            message="不能把机构迁移到您管辖范围以外的地区。",
        )


def _organization_update(
    *, actor: User, organization: Organization, data: dict[str, Any]
) -> Organization:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = {name: getattr(organization, name) for name in EDITABLE_FIELDS}
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ApplicationError(f"字段 {name} 不可修改。", extra={"field": name})
        setattr(organization, name, value)
    if organization.credit_code:
        organization.credit_code = organization.credit_code.strip().upper()
    if organization.credit_code and organization.credit_code != before["credit_code"]:
        duplicate = credit_code_duplicate_message(organization.credit_code, exclude=organization.pk)
        if duplicate:
            raise ApplicationError(
                duplicate, extra={"field": "credit_code", "fields": {"credit_code": [duplicate]}}
            )
    organization.full_clean()
    organization.save()
    changes = model_changes(organization, EDITABLE_FIELDS, before)
    audit_event_record(
        actor=actor, action="organization.update", target=organization, changes=changes
    )
    if organization.is_verified and any(name in changes for name in IDENTITY_FIELDS):
        organization = transition_apply(
            workflow=ORGANIZATION_VERIFICATION,
            obj=organization,
            name="reverify",
            actor=actor,
            reason=REVERIFY_REASON,
            audit_changes={k: v for k, v in changes.items() if k in IDENTITY_FIELDS},
        )
    return organization


def organization_verify(
    *, actor: User, organization: Organization, is_verified: bool
) -> Organization:
    """Verify an organisation (or revoke its verification); a reviewer of its region or staff.

    An enterprise is verified only with a valid 统一社会信用代码 on file. Both are transitions
    of ``ORGANIZATION_VERIFICATION``, recorded in the organisation's history.
    """
    return transition_apply(
        workflow=ORGANIZATION_VERIFICATION,
        obj=organization,
        name="verify" if is_verified else "revoke",
        actor=actor,
    )


def organization_return(*, actor: User, organization: Organization, reason: str) -> Organization:
    """Return a pending organisation to its 机构管理员 with the reason (退回); a reviewer only."""
    reason = (reason or "").strip()
    if not reason:
        message = "退回时必须填写原因，说明需要机构补充或更正的内容。"
        raise ApplicationError(message, extra={"field": "reason", "fields": {"reason": [message]}})
    return transition_apply(
        workflow=ORGANIZATION_VERIFICATION,
        obj=organization,
        name="return",
        actor=actor,
        reason=reason[:500],
    )


def organization_resubmit(*, actor: User, organization: Organization) -> Organization:
    """Send a returned organisation back to its region's verification queue."""
    return transition_apply(
        workflow=ORGANIZATION_VERIFICATION, obj=organization, name="resubmit", actor=actor
    )


def school_major_add(
    *, actor: User, school: Organization, major: Major, year: int, planned_enrollment: int | None
) -> SchoolMajor:
    """Record that a school offers a major in a year (专业点); the school's own staff only."""
    if not school.is_school:
        raise ApplicationError("只有学校可以登记开设专业。", extra={"field": "organization"})
    if not (
        user_can_act_for_organization(actor, school)
        or user_can_administer_organization(actor, school)
    ):
        audit_refusal(
            actor=actor,
            action="school_major.add",
            target=school,
            message="您无权为该学校登记专业。",
        )
    if not major.is_active:
        raise ApplicationError("该专业已停用，不能新增专业点。", extra={"field": "major"})
    with transaction.atomic():
        school_major, created = SchoolMajor.objects.update_or_create(
            school=school,
            major=major,
            year=year,
            defaults={"planned_enrollment": planned_enrollment},
        )
        audit_event_record(
            actor=actor,
            action="school_major.add" if created else "school_major.update",
            target=school_major,
            changes={"planned_enrollment": [None, planned_enrollment]},
        )
    return school_major
