"""Reads: placements scoped by the user, one placement (404 when invisible), who is told, quota."""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet, Sum

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.permissions import active_memberships, is_platform_staff
from chanjiao.common.exceptions import NotFoundError, PermissionDeniedError
from chanjiao.internships.models import (
    Alert,
    Incident,
    Placement,
    PlacementKind,
    PlacementState,
    WeeklyLog,
)
from chanjiao.internships.permissions import bureau_region_codes, user_can_see_placement
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.localities.models import Locality, PolicyParameter
from chanjiao.localities.permissions import user_is_locality_officer
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import ACT_FOR_ROLES
from chanjiao.organizations.selectors import acting_member_ids

QUOTA_KEY = "internship-posts-share-of-workforce"
NOT_FOUND = "未找到该实习安排，或您无权查看。"


def _visible_condition(user: User | AnonymousUser) -> Q | None:
    """The rows the user may see; ``None`` for all (platform staff)."""
    if is_platform_staff(user):
        return None
    if not user.is_authenticated:
        return Q(pk__in=[])
    acting = [m.organization_id for m in active_memberships(user) if m.role in ACT_FOR_ROLES]
    condition = (
        Q(student_id=user.pk)
        | Q(school_mentor_id=user.pk)
        | Q(enterprise_mentor_id=user.pk)
        | Q(school_id__in=acting)
        | Q(enterprise_id__in=acting)
    )
    for code in bureau_region_codes(user):
        condition |= Q(enterprise__region__code__startswith=code)
    return condition


def placement_list(
    *, fetched_by: User | AnonymousUser, status: str = "", kind: str = ""
) -> QuerySet[Placement]:
    """Return the placements the user may see, latest start first."""
    qs = Placement.objects.select_related(
        "student", "school", "enterprise__region", "school_mentor", "enterprise_mentor"
    )
    condition = _visible_condition(fetched_by)
    if condition is not None:
        qs = qs.filter(condition)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-start_date", "-pk")


def placement_get_for_user(user: User | AnonymousUser, placement_id: int) -> Placement:
    """Return one placement the user may see; ``NotFoundError`` for a missing or invisible one."""
    placement = (
        Placement.objects.select_related(
            "student__student_profile",
            "school__region",
            "enterprise__region",
            "school_mentor",
            "enterprise_mentor",
            "listing",
        )
        .filter(pk=placement_id)
        .first()
    )
    if placement is None:
        raise NotFoundError(NOT_FOUND)
    if not user_can_see_placement(user, placement):
        raise NotFoundError(NOT_FOUND)
    return placement


def weekly_log_get_for_user(user: User | AnonymousUser, log_id: int) -> WeeklyLog:
    log = WeeklyLog.objects.filter(pk=log_id).first()
    if log is None:
        raise NotFoundError("未找到该周志，或您无权查看。")
    placement_get_for_user(user, log.placement_id)
    return log


def incident_get_for_user(user: User | AnonymousUser, incident_id: int) -> Incident:
    incident = Incident.objects.select_related("placement").filter(pk=incident_id).first()
    if incident is None:
        raise NotFoundError("未找到该突发事件，或您无权查看。")
    incident.placement = placement_get_for_user(user, incident.placement_id)
    return incident


def alert_list(*, fetched_by: User | AnonymousUser, is_open: bool | None = None) -> QuerySet[Alert]:
    """Return the alerts of the placements the user may see, newest first."""
    placements = placement_list(fetched_by=fetched_by)
    qs = Alert.objects.filter(placement__in=placements.values("pk")).select_related("placement")
    if is_open is not None:
        qs = qs.filter(resolved_at__isnull=is_open)
    return qs.order_by("-raised_at", "-pk")


def alert_get_for_user(user: User | AnonymousUser, alert_id: int) -> Alert:
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None:
        raise NotFoundError("未找到该预警，或您无权查看。")
    alert.placement = placement_get_for_user(user, alert.placement_id)
    return alert


def _region_prefixes(code: str) -> list[str]:
    """``450403`` → ``45``, ``4504``, ``450403`` (the regions containing it)."""
    return [code[:length] for length in range(2, len(code) + 1, 2)]


def bureau_member_ids(region_code: str) -> set[int]:
    """The 政府管理员 / 审核员 of government bodies whose region contains this region."""
    return set(
        Membership.objects.filter(
            organization__org_type="government",
            organization__region__code__in=_region_prefixes(region_code),
            role__in=[Role.GOV_ADMIN, Role.REVIEWER],
            is_active=True,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def watcher_ids(placement: Placement) -> set[int]:
    """Who hears of an alert or incident: the school's members and the bureau of the region."""
    return acting_member_ids(placement.school_id) | bureau_member_ids(
        placement.enterprise.region.code
    )


@dataclass(frozen=True)
class QuotaRow:
    enterprise: Organization
    staff: int
    required: int
    offered: int
    filled: int

    @property
    def shortfall(self) -> int:
        return max(self.required - max(self.offered, self.filled), 0)


@dataclass(frozen=True)
class QuotaReport:
    locality: Locality
    year: int
    parameter: PolicyParameter | None
    rows: list[QuotaRow]

    @property
    def share(self) -> Decimal | None:
        return None if self.parameter is None else self.parameter.value


def quota_parameter(locality: Locality) -> PolicyParameter | None:
    """The locality's share of the workforce for internship places (梧州（十）), if it sets one."""
    return PolicyParameter.objects.filter(locality=locality, key=QUOTA_KEY).first()


def quota_rows(
    locality: Locality, year: int, *, enterprise_ids: set[int] | None = None
) -> QuotaReport:
    """Return each above-size enterprise of the locality's region with its internship places.

    Required places are ``ceil(staff × share / 100)``; offered: the ``quantity`` of its
    internship posts published in ``year``; filled: its placements started in ``year`` (not
    cancelled). No parameter: no rows (never invented numbers).
    """
    parameter = quota_parameter(locality)
    if parameter is None:
        return QuotaReport(locality=locality, year=year, parameter=None, rows=[])
    enterprises = Organization.objects.filter(
        is_above_designated_size=True, region__code__startswith=locality.region.code
    ).order_by("name", "pk")
    if enterprise_ids is not None:
        enterprises = enterprises.filter(pk__in=enterprise_ids)
    offered = _offered_by_enterprise(year)
    filled = _filled_by_enterprise(year)
    rows = []
    for enterprise in enterprises:
        staff = enterprise.employee_count or 0
        required = math.ceil(Decimal(staff) * parameter.value / 100)
        rows.append(
            QuotaRow(
                enterprise=enterprise,
                staff=staff,
                required=required,
                offered=offered.get(enterprise.pk, 0),
                filled=filled.get(enterprise.pk, 0),
            )
        )
    return QuotaReport(locality=locality, year=year, parameter=parameter, rows=rows)


def _offered_by_enterprise(year: int) -> dict[int, int]:
    rows = (
        Listing.objects.filter(
            kind=ListingKind.INTERNSHIP,
            organization__isnull=False,
            published_at__year=year,
            status__in=[ListingStatus.PUBLISHED, ListingStatus.CLOSED, ListingStatus.EXPIRED],
        )
        .values("organization_id")
        .annotate(total=Sum("quantity"))
    )
    return {row["organization_id"]: int(row["total"] or 0) for row in rows}


def _filled_by_enterprise(year: int) -> dict[int, int]:
    rows = (
        Placement.objects.filter(started_at__year=year)
        .exclude(status=PlacementState.CANCELLED)
        .values_list("enterprise_id", flat=True)
    )
    counts: dict[int, int] = {}
    for enterprise_id in rows:
        counts[enterprise_id] = counts.get(enterprise_id, 0) + 1
    return counts


def unit_post_interns(
    *,
    enterprise_id: int,
    start: date,
    end: date,
    post_name: str = "",
    exclude_pk: int | None = None,
) -> int:
    """The post internships at the unit overlapping the period (cancelled/terminated excluded)."""
    qs = Placement.objects.filter(
        enterprise_id=enterprise_id,
        kind=PlacementKind.POST,
        start_date__lte=end,
        end_date__gte=start,
    ).exclude(status__in=[PlacementState.CANCELLED, PlacementState.TERMINATED])
    if post_name:
        qs = qs.filter(post_name=post_name)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.count()


def quota_for_user(user: User | AnonymousUser, locality: Locality, year: int) -> QuotaReport:
    """The quota rows the user may read: all of them for the locality's officers (教育局 and
    staff), the enterprise's own row for its 机构管理员 / 信息员; ``PermissionDeniedError`` else."""
    if user_is_locality_officer(user, locality):
        return quota_rows(locality, year)
    acting = {m.organization_id for m in active_memberships(user) if m.role in ACT_FOR_ROLES}
    if not acting:
        raise PermissionDeniedError(
            "只有地区的教育主管部门或规模以上企业本身可以查看实习岗位比例。"
        )
    return quota_rows(locality, year, enterprise_ids=acting)
