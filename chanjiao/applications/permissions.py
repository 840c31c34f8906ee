"""Who may see an application and move it, and who may apply to which post.

An application is seen by two parties only: the applicant, and the 机构管理员 / 信息员 of the
publishing organisation. Platform staff are not among them (PIPL minimum necessary: the consent
is granted to that publisher for that application, nobody else).
"""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.applications.models import Application
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.permissions import ACT_FOR_ROLES, user_can_act_for_organization

APPLICABLE_KINDS = frozenset({ListingKind.JOB, ListingKind.INTERNSHIP})


def organization_ids_user_acts_for(user: User | AnonymousUser) -> set[int]:
    """The organisations whose 机构管理员 or 信息员 the user is (their applications inbox)."""
    return {m.organization_id for m in active_memberships(user) if m.role in ACT_FOR_ROLES}


def user_is_publisher_member(user: User | AnonymousUser, application: Application) -> bool:
    """Move the application and see its contact card: the publisher's 机构管理员 or 信息员."""
    return user_can_act_for_organization(user, application.organization)


def user_is_applicant(user: User | AnonymousUser, application: Application) -> bool:
    """Withdraw the application: the person who sent it."""
    return bool(user.is_authenticated and application.applicant_id == user.pk)


def user_can_see_application(user: User | AnonymousUser, application: Application) -> bool:
    """The applicant and the publisher's members; nobody else, platform staff included."""
    if user_is_applicant(user, application):
        return True
    return user_is_publisher_member(user, application)


def apply_refusal(user: User | AnonymousUser, listing: Listing) -> str:
    """Return why this user may not apply to this post ("" when they may)."""
    if not user.is_authenticated:
        return "请先登录后再投递。"
    if listing.kind not in APPLICABLE_KINDS:
        return "只有岗位需求和实习岗位可以投递。"
    organization = listing.organization
    if organization is None:
        return "该岗位没有招聘单位，无法投递。"
    if not listing.is_live:
        return "该岗位当前不在招聘中（未发布、已关闭或已过期），无法投递。"
    if user_can_act_for_organization(user, organization):
        return "您是该单位的成员，不能投递本单位发布的岗位。"
    if (
        not (getattr(user, "real_name", "") or "").strip()
        or not (getattr(user, "phone", "") or "").strip()
    ):
        return (
            "投递前请先在“个人资料”（"
            + reverse("selfservice:profile")
            + "）中填写真实姓名和手机号码，招聘单位需要用它们联系您。"
        )
    return ""


def user_can_apply(user: User | AnonymousUser, listing: Listing) -> bool:
    """Apply to the post: see ``apply_refusal`` for each rule."""
    return apply_refusal(user, listing) == ""
