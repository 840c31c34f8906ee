"""The transition table of an organisation's verification.

未认证 → 已认证 ⇄ 已撤销认证; a reviewer may return (退回) a pending organisation with a
reason, which corrects its profile and resubmits (已退回 → 未认证). Changing the name or the
统一社会信用代码 of a verified organisation sends it back to 未认证 (``reverify``, taken
by ``organization_update``).
``Organization.is_verified`` reads the state this workflow moves.
"""

from chanjiao.common.exceptions import ApplicationError
from chanjiao.organizations.models import Organization, OrganizationType, VerificationStatus
from chanjiao.organizations.permissions import (
    user_can_administer_organization,
    user_can_verify_organization,
)
from chanjiao.workflow.definitions import Transition, Workflow

V = VerificationStatus
VERIFY_REFUSAL = "只有该地区的审核员、政府管理员或平台管理员可以认证机构。"
RETURN_REFUSAL = "只有该地区的审核员、政府管理员或平台管理员可以退回机构的认证申请。"
ADMINISTER_REFUSAL = "只有该机构的机构管理员、该地区的政府管理员或平台管理员可以提交认证。"
REVERIFY_REASON = "机构名称或统一社会信用代码已变更，需重新认证。"


def _check_credit_code(organization: Organization) -> None:
    """An enterprise is verified only with a 统一社会信用代码 on file."""
    if organization.org_type == OrganizationType.ENTERPRISE and not organization.credit_code:
        raise ApplicationError(
            "企业须先登记统一社会信用代码才能认证。", extra={"field": "credit_code"}
        )


def _never_offered(organization: Organization) -> bool:
    """Taken by ``organization_update`` only; never shown as a button."""
    return False


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
            name="return",
            sources=frozenset({V.UNVERIFIED}),
            target=V.RETURNED,
            label="退回",
            allowed=user_can_verify_organization,
            refusal=RETURN_REFUSAL,
        ),
        Transition(
            name="resubmit",
            sources=frozenset({V.RETURNED}),
            target=V.UNVERIFIED,
            label="重新提交认证",
            allowed=user_can_administer_organization,
            refusal=ADMINISTER_REFUSAL,
        ),
        Transition(
            name="revoke",
            sources=frozenset({V.VERIFIED}),
            target=V.REVOKED,
            label="撤销认证",
            allowed=user_can_verify_organization,
            refusal=VERIFY_REFUSAL,
        ),
        Transition(
            name="reverify",
            sources=frozenset({V.VERIFIED}),
            target=V.UNVERIFIED,
            label="变更后重新认证",
            allowed=user_can_administer_organization,
            refusal=ADMINISTER_REFUSAL,
            when=_never_offered,
        ),
    ),
)
