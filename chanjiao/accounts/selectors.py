"""Reads of users, scoped by who is looking."""

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404

from chanjiao.accounts.models import Membership, User
from chanjiao.accounts.permissions import is_platform_staff
from chanjiao.organizations.permissions import organizations_administered_by


def users_visible_to(viewer: Any) -> Any:
    """Return the users the viewer may see: self, and members and students of what they run."""
    if is_platform_staff(viewer):
        return User.objects.all()
    if not viewer.is_authenticated:
        return User.objects.none()
    administered = organizations_administered_by(viewer).values("pk")
    return User.objects.filter(
        Q(pk=viewer.pk)
        | Q(memberships__organization__in=administered)
        | Q(student_profile__school__in=administered)
    ).distinct()


def user_get_for_user(*, viewer: Any, user_id: int) -> User:
    """Return one user the viewer may see, or 404."""
    return get_object_or_404(users_visible_to(viewer), pk=user_id)


def membership_list(*, organization_id: int) -> Any:
    """Return the active members of one organisation with their users."""
    return (
        Membership.objects.filter(organization_id=organization_id, is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
