"""Who sees and moves which placements.

A placement is seen by its student, the members of the student's school, the members of the
enterprise, its two mentors, and the education bureau: platform staff, or a 政府管理员 / 审核员 of a
government body whose region contains the enterprise's region (the locality's officers). Anyone
else gets 404. The student's name is shown in full to the student, the school and the bureau;
the phone only to the student: the school and the bureau press 查看完整手机号, which is audited
(``services.personal.placement_phone_reveal``). Lists, pages and exports mask them otherwise.
"""

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    reviewed_region_codes,
    user_reviews_region_code,
)
from chanjiao.internships.models import Placement
from chanjiao.organizations.permissions import user_can_act_for_organization


def user_acts_for_school(user: User | AnonymousUser, placement: Placement) -> bool:
    """The 机构管理员 / 信息员 of the student's school."""
    return user_can_act_for_organization(user, placement.school)


def user_acts_for_enterprise(user: User | AnonymousUser, placement: Placement) -> bool:
    """The 机构管理员 / 信息员 of the enterprise."""
    return user_can_act_for_organization(user, placement.enterprise)


def user_is_intern(user: User | AnonymousUser, placement: Placement) -> bool:
    return bool(user.is_authenticated and placement.student_id == user.pk)


def user_mentor_role(user: User | AnonymousUser, placement: Placement) -> str:
    """``school`` / ``enterprise`` when the user is that mentor of the placement, else ""."""
    if not user.is_authenticated:
        return ""
    if placement.school_mentor_id == user.pk:
        return "school"
    if placement.enterprise_mentor_id == user.pk:
        return "enterprise"
    return ""


def user_is_bureau(user: User | AnonymousUser, placement: Placement) -> bool:
    """Platform staff, or an officer of a government body over the enterprise's region."""
    if is_platform_staff(user):
        return True
    return user_reviews_region_code(user, placement.enterprise.region.code)


def user_sees_personal_data(user: User | AnonymousUser, placement: Placement) -> bool:
    """Full name and phone: the student, the school, the bureau."""
    if user_is_intern(user, placement):
        return True
    if user_acts_for_school(user, placement):
        return True
    return user_is_bureau(user, placement)


def user_sees_student_phone(user: User | AnonymousUser, placement: Placement) -> bool:
    """The phone in full in lists, pages and exports: the student only (others reveal it)."""
    return user_is_intern(user, placement)


def user_can_see_placement(user: User | AnonymousUser, placement: Placement) -> bool:
    if user_sees_personal_data(user, placement):
        return True
    if user_acts_for_enterprise(user, placement):
        return True
    return user_mentor_role(user, placement) != ""


def user_acts_for_a_party(user: User | AnonymousUser, placement: Placement) -> bool:
    """The school, the enterprise or the student (the parties of the agreement)."""
    return (
        user_acts_for_school(user, placement)
        or user_acts_for_enterprise(user, placement)
        or user_is_intern(user, placement)
    )


def user_acts_for_school_or_enterprise(user: User | AnonymousUser, placement: Placement) -> bool:
    return user_acts_for_school(user, placement) or user_acts_for_enterprise(user, placement)


def user_watches_placement(user: User | AnonymousUser, placement: Placement) -> bool:
    """Resolve alerts, handle incidents: the school or the bureau."""
    return user_acts_for_school(user, placement) or user_is_bureau(user, placement)


def bureau_region_codes(user: User | AnonymousUser) -> list[str]:
    """The region codes whose placements the user oversees as the bureau (staff: all)."""
    return reviewed_region_codes(user)
