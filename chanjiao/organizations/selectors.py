"""Reads of organisations and school majors."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.organizations.models import Organization, OrganizationQuerySet, VerificationStatus
from chanjiao.organizations.permissions import user_can_administer_organization


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
