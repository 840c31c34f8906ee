"""Reads of users, scoped by who is looking."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.shortcuts import get_object_or_404

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.permissions import governed_region_codes, is_platform_staff


def users_visible_to(viewer: User | AnonymousUser) -> Any:
    """Return the users the viewer may see: self, and members and students of what they run."""
    if is_platform_staff(viewer):
        return User.objects.all()
    if not viewer.is_authenticated:
        return User.objects.none()
    # The organisations the viewer administers: its own (机构管理员) and, for a 政府管理员, every
    # one in the governed regions. Written with memberships only, as accounts sits below
    # organizations.
    own = Membership.objects.filter(user=viewer, role=Role.ORG_ADMIN, is_active=True).values(
        "organization_id"
    )
    condition = (
        Q(pk=viewer.pk) | Q(memberships__organization__in=own) | Q(student_profile__school__in=own)
    )
    for code in governed_region_codes(viewer):
        condition |= Q(memberships__organization__region__code__startswith=code)
        condition |= Q(student_profile__school__region__code__startswith=code)
    return User.objects.filter(condition).distinct()


def user_get_for_user(*, viewer: User | AnonymousUser, user_id: int) -> User:
    """Return one user the viewer may see, or 404."""
    return get_object_or_404(users_visible_to(viewer), pk=user_id)


def membership_list(*, organization_id: int) -> Any:
    """Return the active members of one organisation with their users."""
    return (
        Membership.objects.filter(organization_id=organization_id, is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
