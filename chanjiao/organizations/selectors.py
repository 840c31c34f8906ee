"""Reads of organisations, school majors, the verification queue, members and invitations."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.permissions import (
    governed_region_codes,
    is_platform_staff,
    reviewed_region_codes,
)
from chanjiao.common.exceptions import NotFoundError, PermissionDeniedError
from chanjiao.organizations.models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrganizationQuerySet,
    OrganizationType,
    VerificationStatus,
)
from chanjiao.organizations.permissions import ACT_FOR_ROLES, user_can_administer_organization
from chanjiao.organizations.tokens import token_hash
from chanjiao.workflow.models import TransitionRecord
from chanjiao.workflow.selectors import transition_history


def organization_list(
    *,
    fetched_by: User | AnonymousUser,
    org_type: str | None = None,
    verification: str | None = None,
    region_code: str | None = None,
    query: str | None = None,
    ordering: str = "name",
) -> OrganizationQuerySet:
    """Return the organisation directory (public facts only), filtered and sorted."""
    qs = Organization.objects.select_related("region", "industry")
    if org_type:
        qs = qs.filter(org_type=org_type)
    if verification in VerificationStatus.values:
        qs = qs.filter(verification_status=verification)
    if region_code:
        qs = qs.in_region_code(region_code)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(credit_code__iexact=query.strip()))
    allowed = {"name", "-name", "created_at", "-created_at", "employee_count", "-employee_count"}
    return qs.order_by(ordering if ordering in allowed else "name", "pk")


def organization_get_for_user(
    *, user: User | AnonymousUser, organization_id: int, for_write: bool = False
) -> Organization:
    """Return one organisation; 404 if missing, 403 when ``for_write`` and the user may not."""
    organization = get_object_or_404(
        Organization.objects.select_related("region", "industry"), pk=organization_id
    )
    if for_write and not user_can_administer_organization(user, organization):
        raise PermissionDeniedError("您无权修改该机构的信息。")
    return organization


def organization_type_counts() -> dict[str, int]:
    """Return how many organisations there are of each type."""
    rows = Organization.objects.values("org_type").annotate(n=Count("pk"))
    return {row["org_type"]: row["n"] for row in rows}


def credit_code_duplicate_message(code: str, *, exclude: int | None = None) -> str:
    """Return the refusal for a credit code another organisation holds, or "" when it is free."""
    qs = Organization.objects.filter(credit_code=code.strip().upper())
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    existing = qs.first()
    if existing is None:
        return ""
    return (
        f"该统一社会信用代码已由“{existing.name}”登记（{existing.get_verification_status_display()}），"
        "请联系该机构的管理员邀请您加入。"
    )


# Verification ------------------------------------------------------------------------------------


def organizations_pending_verification(user: User | AnonymousUser) -> OrganizationQuerySet:
    """Return the organisations waiting for this reviewer's decision, oldest first.

    Staff see every region; a 审核员 or 政府管理员 of a government body sees its region and below.
    """
    qs = Organization.objects.select_related("region", "industry").filter(
        verification_status=VerificationStatus.UNVERIFIED
    )
    if not is_platform_staff(user):
        codes = reviewed_region_codes(user)
        if not codes:
            return qs.none()
        match = Q()
        for code in codes:
            match |= Q(region__code__startswith=code)
        qs = qs.filter(match)
    return qs.order_by("created_at", "pk")


def organizations_pending_verification_count(user: User | AnonymousUser) -> int:
    """How many organisations wait for this user's verification decision (for the 工作台)."""
    if not user.is_authenticated:
        return 0
    return organizations_pending_verification(user).count()


def organization_history(organization: Organization) -> list[TransitionRecord]:
    """Return the organisation's verification history, newest first."""
    return list(reversed(transition_history(organization)))


def organization_last_return_reason(organization: Organization) -> str:
    """The reviewer's reason when the organisation is 已退回, else ""."""
    if organization.verification_status != VerificationStatus.RETURNED:
        return ""
    for record in organization_history(organization):
        if record.transition == "return":
            return record.reason
    return ""


# Members and invitations -------------------------------------------------------------------------


def organization_members(organization: Organization) -> QuerySet[Membership]:
    """Return the organisation's active memberships with their users."""
    return (
        Membership.objects.filter(organization=organization, is_active=True)
        .select_related("user")
        .order_by("role", "user__real_name", "user__username", "pk")
    )


def organization_invitations_pending(organization: Organization) -> QuerySet[Invitation]:
    """Return the organisation's invitations still waiting for an answer and not expired."""
    return Invitation.objects.filter(
        organization=organization,
        status=InvitationStatus.PENDING,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def invitations_pending_for_user(user: User | AnonymousUser) -> QuerySet[Invitation]:
    """Return the unexpired e-mail invitations addressed to this user's e-mail (for the 工作台).

    One-time links carry no address and are found only through the link itself.
    """
    if not user.is_authenticated or not user.email:
        return Invitation.objects.none()
    return (
        Invitation.objects.filter(
            email__iexact=user.email,
            status=InvitationStatus.PENDING,
            expires_at__gt=timezone.now(),
        )
        .exclude(organization__memberships__user=user, organization__memberships__is_active=True)
        .select_related("organization", "organization__region")
        .order_by("expires_at", "pk")
    )


def invitation_get_by_token(token: str) -> Invitation:
    """Return the invitation this link's token opens; ``NotFoundError`` for an unknown token."""
    invitation = (
        Invitation.objects.select_related("organization", "organization__region")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise NotFoundError("该邀请链接无效，请向邀请您的机构管理员索取新的链接。")
    return invitation


# Government bodies -------------------------------------------------------------------------------


def government_bodies_managed(user: User | AnonymousUser) -> OrganizationQuerySet:
    """Return the government bodies this user manages: all for staff, else their region down."""
    qs = Organization.objects.select_related("region").filter(org_type=OrganizationType.GOVERNMENT)
    if is_platform_staff(user):
        return qs.order_by("region__code", "name")
    codes = governed_region_codes(user)
    if not codes:
        return qs.none()
    match = Q()
    for code in codes:
        match |= Q(region__code__startswith=code)
    return qs.filter(match).order_by("region__code", "name")


def government_admin_count(organization: Organization) -> int:
    """How many active 政府管理员 a government body has."""
    return Membership.objects.filter(
        organization=organization, role=Role.GOV_ADMIN, is_active=True
    ).count()


def acting_member_ids_by_organization(
    organization_ids: Iterable[int], *, roles: Iterable[str] = ACT_FOR_ROLES
) -> dict[int, set[int]]:
    """The active accounts in ``roles`` (机构管理员 and 信息员 by default) of each organisation.

    Who is told when something concerns an organisation: a new application, a contact request,
    an item approved. Every organisation asked for is a key (an empty set when nobody acts for it).
    """
    wanted = set(organization_ids)
    members: dict[int, set[int]] = {organization_id: set() for organization_id in wanted}
    rows = Membership.objects.filter(
        organization_id__in=wanted, role__in=list(roles), is_active=True, user__is_active=True
    ).values_list("organization_id", "user_id")
    for organization_id, user_id in rows:
        members[organization_id].add(user_id)
    return members


def acting_member_ids(organization_id: int, *, roles: Iterable[str] = ACT_FOR_ROLES) -> set[int]:
    """The active accounts in ``roles`` of one organisation (see the function above)."""
    return acting_member_ids_by_organization([organization_id], roles=roles)[organization_id]
