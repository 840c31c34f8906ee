"""Government bodies: staff open a locality's top body; a 政府管理员 opens bodies below theirs.

Their officers (政府管理员, 审核员) join by invitation (``invitations.invitation_create``), which
refuses an inviter outside the body's region.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization, OrganizationType
from chanjiao.organizations.permissions import user_may_create_government_in
from chanjiao.organizations.workflow import ORGANIZATION_VERIFICATION
from chanjiao.workflow.services import transition_apply


def government_body_create(*, actor: User, name: str, region: Region) -> Organization:
    """Open a government body in a region; it starts verified (opened by an authority).

    Staff open the top body of any locality; a 政府管理员 only bodies of regions strictly below
    their own (a county under their city). Anyone else, or a region at or outside their level, is
    refused and the refusal audited.
    """
    if not user_may_create_government_in(actor, region):
        audit_refusal(
            actor=actor,
            action="organization.create",
            target=None,
            message="您只能为本地区下辖的区县（或下级地区）开设政府部门。",
            changes={"region": [None, region.code], "org_type": [None, "government"]},
        )
    name = (name or "").strip()
    if not name:
        message = "请填写政府部门名称。"
        raise ApplicationError(message, extra={"field": "name", "fields": {"name": [message]}})
    organization = Organization(name=name, org_type=OrganizationType.GOVERNMENT, region=region)
    try:
        organization.full_clean()
    except ValidationError as error:
        fields = {k: list(v) for k, v in error.message_dict.items()}
        if "__all__" in fields:
            fields = {"name": ["该地区已有同名的机构。"]}
        first = next(iter(fields))
        raise ApplicationError(fields[first][0], extra={"field": first, "fields": fields}) from None
    with transaction.atomic():
        organization.save()
        audit_event_record(
            actor=actor,
            action="organization.create",
            target=organization,
            changes={
                "name": [None, name],
                "org_type": [None, OrganizationType.GOVERNMENT],
                "region": [None, region.code],
            },
        )
        organization = transition_apply(
            workflow=ORGANIZATION_VERIFICATION,
            obj=organization,
            name="verify",
            actor=actor,
            reason="由平台或上级政府部门开设。",
        )
    return organization
