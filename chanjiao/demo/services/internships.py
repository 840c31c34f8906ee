"""Demonstration internship placements of one locality (实习管理), written through the services.

For each locality: a handful of placements between its demo schools' students and its demo
enterprises (from their internship posts where they have them), one in every state — planned
(one with its agreement waiting for the enterprise), signed, active, completed, terminated,
cancelled — with agreements, liability insurance, weekly logs, a mentor's comment, an incident
and evaluations. Two running placements cross a red line the way it happens in life: a weekly
log of 44 hours with a night shift, and the pay cut below 80 % of the probation wage while the
placement runs; both raise open alerts. The red lines refuse breaches at entry, so nothing is
forced past them.

Idempotent: when the locality already has its demo placements nothing is written (a second run
changes nothing). ``demo_internships_remove_stale`` (called by the base generation before it
deletes people or organisations) drops them when they hold rows the new plan no longer has.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.demo.services.scope import DemoScope, demo_scope
from chanjiao.internships import services
from chanjiao.internships.models import (
    Alert,
    Incident,
    InsurancePolicy,
    Placement,
    PlacementKind,
)
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.localities.models import Locality
from chanjiao.organizations.models import SCHOOL_TYPES, Organization, OrganizationType
from chanjiao.students.models import StudentProfile
from chanjiao.workflow.models import TransitionRecord

ACTING = (Role.ORG_ADMIN, Role.INFO_OFFICER)
# The story of each demo placement: its state and what happens to it.
STORIES = (
    "planned",
    "waiting_enterprise",
    "signed",
    "active",
    "active_long_week",
    "active_pay_cut",
    "completed",
    "terminated",
    "cancelled",
)
INSURERS = (
    "中国人民财产保险股份有限公司",
    "中国平安财产保险股份有限公司",
    "太平洋财产保险股份有限公司",
)
POSTS = ("生产操作", "质量检验", "仓储物流", "设备维护", "客户服务", "电商运营")
LOG_TEXT = (
    "熟悉岗位操作规程，跟随师傅完成日常任务，学习安全生产要求。",
    "独立完成部分工序，记录问题并向企业指导教师请教。",
    "参与班组例会，整理本周工作记录，按要求完成质量自检。",
)


@dataclass
class _Party:
    organization: Organization
    actor: User


def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Write the locality's demo placements once; a later run finds them and writes nothing."""
    scope = demo_scope(locality)
    existing = _placements(scope)
    if existing.exists():
        return _counts(existing, created=0)
    rng = random.Random(f"demo-internships-{seed}-{locality.region.code}")
    schools = _parties(scope, school=True)
    enterprises = [
        p for p in _parties(scope, school=False) if (p.organization.employee_count or 0) >= 20
    ]
    if not schools or not enterprises:
        return _counts(existing, created=0)
    students = list(
        StudentProfile.objects.filter(
            is_demo=True,
            school__in=[p.organization for p in schools],
            status=StudentProfile.Status.STUDENT,
        )
        .select_related("user")
        .order_by("user__username")
    )
    if len(students) < len(STORIES):
        return _counts(existing, created=0)
    chosen = rng.sample(students, len(STORIES))
    by_school = {p.organization.pk: p for p in schools}
    posts = _posts(enterprises)
    today = timezone.localdate()
    created = []
    for index, story in enumerate(STORIES):
        profile = chosen[index]
        unit = enterprises[index % len(enterprises)]
        placement = _place(
            story=story,
            profile=profile,
            school=by_school[profile.school_id],
            unit=unit,
            listing=posts.get(unit.organization.pk),
            rng=rng,
            today=today,
        )
        created.append(placement.pk)
    Placement.objects.filter(pk__in=created).update(is_demo=True)
    return _counts(_placements(scope), created=len(created))


def _placements(scope: DemoScope) -> QuerySet[Placement]:
    return Placement.objects.filter(is_demo=True, school__in=scope.organizations())


def _counts(placements: QuerySet[Placement], *, created: int) -> dict[str, int]:
    return {
        "placements": placements.count(),
        "placements_created": created,
        "internship_alerts": Alert.objects.filter(
            placement__in=placements, resolved_at__isnull=True
        ).count(),
    }


def _parties(scope: DemoScope, *, school: bool) -> list[_Party]:
    organizations = scope.organizations().order_by("name", "pk")
    if school:
        organizations = organizations.filter(org_type__in=SCHOOL_TYPES)
    else:
        organizations = organizations.filter(org_type=OrganizationType.ENTERPRISE)
    actors: dict[int, User] = {}
    for membership in (
        Membership.objects.filter(
            organization__in=organizations, role__in=ACTING, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("role", "user__username")
    ):
        actors.setdefault(membership.organization_id, membership.user)
    return [_Party(o, actors[o.pk]) for o in organizations if o.pk in actors]


def _posts(enterprises: list[_Party]) -> dict[int, Listing]:
    posts: dict[int, Listing] = {}
    for listing in Listing.objects.filter(
        kind=ListingKind.INTERNSHIP,
        organization__in=[p.organization for p in enterprises],
        status=ListingStatus.PUBLISHED,
    ).order_by("pk"):
        posts.setdefault(listing.organization_id or 0, listing)
    return posts


def _period(story: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = today - datetime.timedelta(days=today.weekday())
    if story in ("planned", "waiting_enterprise", "signed", "cancelled"):
        start = monday + datetime.timedelta(weeks=3)
        return start, start + datetime.timedelta(weeks=16)
    if story in ("completed", "terminated"):
        start = monday - datetime.timedelta(weeks=20)
        return start, monday - datetime.timedelta(days=3)
    start = monday - datetime.timedelta(weeks=6)
    return start, start + datetime.timedelta(weeks=20)


def _place(
    *,
    story: str,
    profile: StudentProfile,
    school: _Party,
    unit: _Party,
    listing: Listing | None,
    rng: random.Random,
    today: datetime.date,
) -> Placement:
    start, end = _period(story, today)
    kind = PlacementKind.FOLLOW if story == "completed" else PlacementKind.POST
    wage = Decimal(rng.choice((2800, 3000, 3200, 3500)))
    values = services.PlacementInput(
        kind=kind,
        post_name=listing.title[:100] if listing is not None else rng.choice(POSTS),
        address=unit.organization.address or f"{unit.organization.region.name}",
        venue_description="生产车间",
        start_date=start,
        end_date=end,
        daily_hours=Decimal(8),
        weekly_hours=Decimal(40),
        monthly_pay=(wage * Decimal("0.85")).quantize(Decimal(1)),
        probation_wage=wage,
        post_staff_count=rng.randint(60, 200),
        school_mentor=school.actor,
        enterprise_mentor=unit.actor,
    )
    # Born 18 to 20 years before the start: old enough for every kind of internship.
    birth = start - datetime.timedelta(days=365 * rng.randint(18, 20) + rng.randint(10, 300))
    placement = services.placement_create(
        actor=school.actor,
        values=values,
        students=[services.StudentEntry(profile.user, birth)],
        enterprise=None if listing is not None else unit.organization,
        listing=listing,
    )[0]
    if story == "planned":
        return placement
    if story == "cancelled":
        return services.placement_transition(
            actor=school.actor, placement=placement, name="cancel", reason="学生申请调整实习单位"
        )
    services.agreement_create(actor=school.actor, placement=placement)
    student = profile.user
    services.agreement_confirm(actor=student, placement=placement, role="student")
    services.agreement_confirm(actor=school.actor, placement=placement, role="school")
    if story == "waiting_enterprise":
        return placement
    services.agreement_confirm(actor=unit.actor, placement=placement, role="enterprise")
    placement.refresh_from_db()
    services.insurance_create(
        actor=school.actor,
        values=services.InsuranceInput(
            kind="liability",
            insurer=rng.choice(INSURERS),
            policy_number=f"SX{start:%Y%m%d}{placement.pk:06d}",
            start_date=start,
            end_date=end,
        ),
        placements=[placement],
    )
    if story == "signed":
        return placement
    placement = services.placement_transition(actor=school.actor, placement=placement, name="start")
    _logs(placement, student, unit, today, long_week=story == "active_long_week")
    if story == "active":
        services.incident_report(
            actor=student,
            placement=placement,
            values=services.IncidentInput(
                kind="injury",
                description="搬运物料时手指被纸箱划伤，已在厂医务室包扎，无需休假。",
                occurred_on=today - datetime.timedelta(days=9),
            ),
        )
    if story == "active_pay_cut":
        changed = services.placement_input_of(placement)
        changed.monthly_pay = ((placement.probation_wage or wage) * Decimal("0.6")).quantize(
            Decimal(1)
        )
        services.placement_update(actor=school.actor, placement=placement, values=changed)
    if story == "terminated":
        return services.placement_transition(
            actor=unit.actor,
            placement=placement,
            name="terminate",
            reason="学生因家庭原因申请提前结束实习，经三方协商同意。",
        )
    if story == "completed":
        placement = services.placement_transition(
            actor=school.actor, placement=placement, name="complete"
        )
        for actor, direction, score, comment in (
            (school.actor, "school_to_student", 5, "实习态度端正，按时提交周志。"),
            (unit.actor, "enterprise_to_student", 4, "工作认真，动手能力强。"),
            (student, "student_to_enterprise", 5, "师傅指导耐心，学到了实际操作技能。"),
        ):
            services.evaluation_submit(
                actor=actor, placement=placement, direction=direction, score=score, comment=comment
            )
    return placement


def _logs(
    placement: Placement, student: User, unit: _Party, today: datetime.date, *, long_week: bool
) -> None:
    """Three weekly logs; the last one of ``long_week`` crosses the hours and night-shift lines."""
    first = None
    weeks = [placement.start_date + datetime.timedelta(weeks=n) for n in range(3)]
    for number, week in enumerate(weeks):
        if week > today:
            break
        breach = long_week and number == len(weeks) - 1
        log = services.weekly_log_submit(
            actor=student,
            placement=placement,
            values=services.WeeklyLogInput(
                week_start=week,
                content=LOG_TEXT[number % len(LOG_TEXT)]
                + ("本周赶订单，连续上了两个夜班。" if breach else ""),
                hours_worked=Decimal(44) if breach else Decimal(40),
                longest_day_hours=Decimal(8),
                had_night_shift=breach,
            ),
        )
        first = first or log
    if first is not None:
        services.log_comment_add(
            actor=unit.actor, log=first, body="熟悉流程较快，注意按规程佩戴防护用品。"
        )


def demo_remove() -> int:
    """Delete every demo placement with what hangs on it (policies, history)."""
    return _delete(Placement.objects.filter(is_demo=True))


def demo_internships_remove_stale(
    scope: DemoScope, *, usernames: set[str], organizations: set[tuple[str, int]]
) -> int:
    """Drop the locality's demo placements if any holds a person or organisation not planned."""
    placements = _placements(scope).select_related("student", "school", "enterprise")
    stale = any(
        p.student.username not in usernames
        or (p.school.name, p.school.region_id) not in organizations
        or (p.enterprise.name, p.enterprise.region_id) not in organizations
        for p in placements
    )
    return _delete(_placements(scope)) if stale else 0


def _delete(placements: QuerySet[Placement]) -> int:
    ids = list(placements.values_list("pk", flat=True))
    if not ids:
        return 0
    removed = 0
    policies = set(InsurancePolicy.objects.filter(placements__in=ids).values_list("pk", flat=True))
    removed += int(InsurancePolicy.objects.filter(pk__in=policies).delete()[0])
    incidents = list(Incident.objects.filter(placement__in=ids).values_list("pk", flat=True))
    for model, pks in ((Placement, ids), (Incident, incidents)):
        content_type = ContentType.objects.get_for_model(model)
        TransitionRecord.objects.filter(
            content_type=content_type, object_id__in=[str(pk) for pk in pks]
        ).delete()
    removed += int(Placement.objects.filter(pk__in=ids).delete()[0])
    return removed
