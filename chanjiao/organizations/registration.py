"""An organisation signs itself up: the organisation, its first 机构管理员's account, one step.

Everything is checked before anything is written, and written in one transaction: the account
(``account_register``), the organisation (未认证, waiting in its region's verification queue)
and the 机构管理员 membership.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.registration import AccountInput, account_input_check, account_register
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization, OrganizationType, VerificationStatus
from chanjiao.organizations.selectors import credit_code_duplicate_message

# Everyone may register themselves except a government body (platform staff create those).
REGISTRABLE_TYPES = [t for t in OrganizationType if t != OrganizationType.GOVERNMENT]
REGISTRATION_FIELDS = (
    "name",
    "org_type",
    "region",
    "credit_code",
    "school_code",
    "industry",
    "employee_count",
    "address",
    "website",
    "description",
    "contact_name",
    "contact_phone",
    "contact_email",
)


def _fields_error(fields: dict[str, list[str]]) -> ApplicationError:
    first_field = next(iter(fields))
    return ApplicationError(fields[first_field][0], extra={"fields": fields, "field": first_field})


def organization_registration_check(data: dict[str, Any]) -> Organization:
    """Return the unsaved organisation the data describes, or refuse naming the field."""
    unknown = sorted(set(data) - set(REGISTRATION_FIELDS))
    if unknown:
        raise _fields_error({unknown[0]: ["该项不能在注册时填写。"]})
    if data.get("org_type") not in REGISTRABLE_TYPES:
        raise _fields_error(
            {"org_type": ["请选择企业、学校、行业协会、科研院所或培训机构；政府部门由平台开设。"]}
        )
    values = dict(data)
    for key in ("credit_code", "school_code"):
        values[key] = (values.get(key) or "").strip().upper() or None
    for key in ("name", "address", "contact_name", "contact_phone", "contact_email"):
        values[key] = (values.get(key) or "").strip()
    organization = Organization(**values, verification_status=VerificationStatus.UNVERIFIED)
    if organization.credit_code:
        duplicate = credit_code_duplicate_message(organization.credit_code)
        if duplicate:
            raise _fields_error({"credit_code": [duplicate]})
    try:
        organization.full_clean()
    except ValidationError as error:
        raise _fields_error({k: list(v) for k, v in error.message_dict.items()}) from None
    return organization


def organization_register(
    *, organization: dict[str, Any], account: AccountInput
) -> tuple[Organization, User]:
    """Register an organisation and its first 机构管理员 in one transaction; return both.

    ``organization`` holds the model's values (``region`` and ``industry`` as rows). Bad input
    raises ``ApplicationError`` with ``extra["fields"]`` naming the field; nothing is written.
    """
    org = organization_registration_check(organization)
    account_input_check(account)
    if not org.contact_name:
        org.contact_name = account.real_name.strip()
    if not org.contact_phone:
        org.contact_phone = account.phone.strip()
    if not org.contact_email:
        org.contact_email = account.email.strip()
    try:
        with transaction.atomic():
            user = account_register(account, action="account.register")
            org.save()
            membership = Membership.objects.create(user=user, organization=org, role=Role.ORG_ADMIN)
            audit_event_record(
                actor=user,
                action="organization.register",
                target=org,
                changes={
                    "name": [None, org.name],
                    "org_type": [None, org.org_type],
                    "region": [None, org.region.code],
                    "credit_code": [None, org.credit_code],
                    "school_code": [None, org.school_code],
                },
            )
            audit_event_record(
                actor=user,
                action="membership.add",
                target=membership,
                changes={"role": [None, Role.ORG_ADMIN], "via": [None, "registration"]},
            )
    except IntegrityError:
        # Someone registered the same name or code a moment ago: check again for the message.
        org_again = organization_registration_check(organization)  # raises with the reason
        raise ApplicationError(
            f"“{org_again.name}”刚刚已被登记，请稍后重试。", extra={"field": "name"}
        ) from None
    return org, user
