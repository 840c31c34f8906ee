"""The transition table of an organisation's verification: unverified → verified ⇄ revoked.

``Organization.is_verified`` reads the state this workflow moves.
"""

from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization, OrganizationType, VerificationStatus
from chanjiao.organizations.permissions import user_can_verify_organization
from chanjiao.workflow.definitions import Transition, Workflow

V = VerificationStatus
VERIFY_REFUSAL = "只有该地区的审核员、政府管理员或平台管理员可以认证机构。"


def _check_credit_code(organization: Organization) -> None:
    """An enterprise is verified only with a 统一社会信用代码 on file."""
    if organization.org_type == OrganizationType.ENTERPRISE and not organization.credit_code:
        raise ApplicationError(
            "企业须先登记统一社会信用代码才能认证。", extra={"field": "credit_code"}
        )


ORGANIZATION_VERIFICATION: Workflow[Organization] = Workflow(
    name="organization_verification",
    model=Organization,
    state_field="verification_status",
    audit_prefix="organization",
    object_label="该机构",
    transitions=(
        Transition(
            name="verify",
            sources=frozenset({V.UNVERIFIED, V.REVOKED}),
            target=V.VERIFIED,
            label="认证",
            allowed=user_can_verify_organization,
            refusal=VERIFY_REFUSAL,
            check=_check_credit_code,
        ),
        Transition(
            name="revoke",
            sources=frozenset({V.VERIFIED}),
            target=V.REVOKED,
            label="撤销认证",
            allowed=user_can_verify_organization,
            refusal=VERIFY_REFUSAL,
        ),
    ),
)
