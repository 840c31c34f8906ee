"""Who sees and moves which recognitions (认定申报).

- The applicant: the 机构管理员 / 信息员 of the organisation apply, add evidence, withdraw.
- 初审 (preliminary review): an officer (政府管理员 / 审核员) of a government body whose region
  contains both the programme's locality and the organisation's region.
- 复核/评审, 公示, 认定, 年度复核, 撤销, incentives: a 政府管理员 of the programme's locality
  (or platform staff), never the person who took the 初审.
- Nobody reviews an organisation they belong to, whatever their other roles.

A recognition is seen by the organisation's members and the locality's officers; anyone else
gets 404. Certified organisations are public through the directory only.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    user_organization_ids,
    user_reviews_region_code,
    user_roles_in,
)
from chanjiao.localities.permissions import user_can_manage_locality, user_is_locality_officer
from chanjiao.organizations.permissions import ACT_FOR_ROLES, user_can_act_for_organization
from chanjiao.recognition.models import Programme, Recognition

OWN_REFUSAL = "不能审核本机构的申报。"


def user_is_member(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """Any role in the applicant organisation."""
    return recognition.organization_id in user_organization_ids(user)


def user_acts_for_applicant(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """The applicant's 机构管理员 / 信息员."""
    return user_can_act_for_organization(user, recognition.organization)


def user_is_preliminary_reviewer(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """An officer over the locality and the organisation's region, not of the applicant."""
    if user_is_member(user, recognition):
        return False
    if not user_is_locality_officer(user, recognition.programme.locality):
        return False
    return user_reviews_region_code(user, recognition.organization.region.code)


def user_manages_programme(user: User | AnonymousUser, programme: Programme) -> bool:
    """Staff or a 政府管理员 of the programme's locality."""
    return user_can_manage_locality(user, programme.locality)


def user_is_programme_reviewer(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """A 政府管理员 of the locality who is not of the applicant."""
    if user_is_member(user, recognition):
        return False
    return user_manages_programme(user, recognition.programme)


def user_is_second_reviewer(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """复核: a programme reviewer other than the person who took the 初审."""
    if not user_is_programme_reviewer(user, recognition):
        return False
    return recognition.preliminary_by_id != user.pk


def user_reviews_recognition(user: User | AnonymousUser, recognition: Recognition) -> bool:
    """Either reviewer (return for completion, reject)."""
    return user_is_preliminary_reviewer(user, recognition) or user_is_programme_reviewer(
        user, recognition
    )


def user_can_see_recognition(user: User | AnonymousUser, recognition: Recognition) -> bool:
    if user_is_member(user, recognition):
        return True
    return user_is_locality_officer(user, recognition.programme.locality)


def user_can_reserve(
    user: User | AnonymousUser, programme: Programme, organization_id: int
) -> bool:
    """Enter an organisation in the reserve: the organisation itself or a locality officer."""
    if user_is_locality_officer(user, programme.locality):
        return True
    return bool(ACT_FOR_ROLES & user_roles_in(user, organization_id))


def own_refusal(message: str) -> Callable[[User, Recognition], str]:
    """A refusal that names the own-organisation rule when it is the one that applies."""

    def refusal(user: User, recognition: Recognition) -> str:
        return OWN_REFUSAL if user_is_member(user, recognition) else message

    return refusal
