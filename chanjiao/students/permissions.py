"""Who may decide on which claims, and for which schools a user acts."""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization
from chanjiao.students.models import StudentClaim


def schools_user_acts_for(user: User | AnonymousUser) -> list[Organization]:
    """Return the schools whose 机构管理员 or 信息员 the user is, by name."""
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if m.organization.is_school and user_can_act_for_organization(user, m.organization)
    }
    return sorted(found.values(), key=lambda school: school.name)


def user_can_decide_claim(user: User | AnonymousUser, claim: StudentClaim) -> bool:
    """Confirm or return a claim: the claimed school's 机构管理员 or 信息员 only."""
    return user_can_act_for_organization(user, claim.school)


def user_owns_claim(user: User | AnonymousUser, claim: StudentClaim) -> bool:
    """Withdraw or correct a claim: the person who filed it."""
    return bool(user.is_authenticated and claim.user_id == user.pk)
