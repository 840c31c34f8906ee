"""The second factor of the privileged demo accounts, so a newcomer can still sign in.

Platform administrators, 政府管理员 and 审核员 must pass a TOTP code after their password
(等保 2.0 level 3). Each privileged demo account gets a confirmed TOTP device whose secret is
derived from its username, so the secret stays the same across runs and machines and
``demo_data`` can print it; ``chanjiao demo_totp <用户名>`` prints the current code.
"""

import base64
import hashlib

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.two_factor import totp_device_ensure
from chanjiao.demo.services.context import PersonPlan
from chanjiao.organizations.models import OrganizationType

PRIVILEGED_ROLES = frozenset({Role.GOV_ADMIN, Role.REVIEWER})


def demo_totp_secret(username: str) -> str:
    """The base32 TOTP secret of a demo account (160 bits, from the username; demo data only)."""
    digest = hashlib.sha256(f"chanjiao-demo-second-factor:{username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode()


def person_is_privileged(person: PersonPlan, org_type: str | None) -> bool:
    """A platform administrator, or a 政府管理员 / 审核员 of a government body."""
    if person.admin_role:
        return True
    return person.role in PRIVILEGED_ROLES and org_type == OrganizationType.GOVERNMENT


def demo_second_factors_ensure(
    people: list[PersonPlan], users: dict[str, User], org_types: dict[str, str]
) -> int:
    """Give each privileged demo account its TOTP device; return how many accounts have one."""
    count = 0
    for person in people:
        if person_is_privileged(person, org_types.get(person.organization_key or "")):
            totp_device_ensure(users[person.username], demo_totp_secret(person.username))
            count += 1
    return count
