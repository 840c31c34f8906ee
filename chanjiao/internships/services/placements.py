"""Writes of placements: create (one row per student, together), update, the workflow steps.

Every entry is checked against the red lines (``internships.rules``): a breach refuses the
create or update of a planned or signed placement with the field, the rule and its article. A
running placement's update records the facts as they are and raises alerts instead (refusing
would hide what happens at the unit).
"""

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.crypto import get_random_string

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import user_organization_ids
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.audit.services import audit_event_record, audit_refusal, changes_between
from chanjiao.common.exceptions import ApplicationError, field_refusal
from chanjiao.internships.models import (
    Placement,
    PlacementKind,
    PlacementSource,
    PlacementState,
)
from chanjiao.internships.permissions import user_acts_for_school
from chanjiao.internships.rules import Breach, PlacementFacts, breaches_find
from chanjiao.internships.selectors import unit_post_interns
from chanjiao.internships.services.alerts import alerts_raise
from chanjiao.internships.workflow import PLACEMENT_WORKFLOW
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization
from chanjiao.students.models import StudentProfile
from chanjiao.workflow.services import history_first_step, transition_apply


@dataclass
class PlacementInput:
    """The values of a placement the school enters (the same for every student of a group)."""

    kind: str
    post_name: str
    address: str
    start_date: date
    end_date: date
    daily_hours: Decimal
    weekly_hours: Decimal
    venue_description: str = ""
    has_night_shift: bool = False
    has_overtime: bool = False
    has_holiday_work: bool = False
    monthly_pay: Decimal | None = None
    probation_wage: Decimal | None = None
    post_staff_count: int | None = None
    charges_fees: bool = False
    withholds_id_documents: bool = False
    via_intermediary: bool = False
    school_mentor: User | None = None
    enterprise_mentor: User | None = None


@dataclass
class StudentEntry:
    """One student of the group; ``birth_date`` is stored on a profile that has none."""

    student: User
    birth_date: date | None = None


INPUT_FIELDS = tuple(f.name for f in fields(PlacementInput))


def placement_input_of(placement: Placement) -> PlacementInput:
    """Return the placement's current values, to change some of them for ``placement_update``."""
    return PlacementInput(**{name: getattr(placement, name) for name in INPUT_FIELDS})


def _values_check(values: PlacementInput) -> None:
    if values.kind not in PlacementKind.values:
        raise field_refusal("kind", "实习类型只能是认识实习、跟岗实习或岗位实习。")
    if not values.post_name.strip():
        raise field_refusal("post_name", "请填写实习岗位名称。")
    if not values.address.strip():
        raise field_refusal("address", "请填写实习地点。")
    if values.end_date < values.start_date:
        raise field_refusal("end_date", "结束日期不能早于开始日期。")
    for name, label in (("daily_hours", "每日工作时间"), ("weekly_hours", "每周工作时间")):
        if getattr(values, name) <= 0:
            raise field_refusal(name, f"{label}必须大于 0 小时。")


def _mentors_check(values: PlacementInput, *, school_id: int, enterprise_id: int) -> None:
    if values.school_mentor is not None and school_id not in user_organization_ids(
        values.school_mentor
    ):
        raise field_refusal("school_mentor", "学校指导教师必须是学生所在学校的成员。")
    if values.enterprise_mentor is not None and enterprise_id not in user_organization_ids(
        values.enterprise_mentor
    ):
        raise field_refusal("enterprise_mentor", "企业指导教师必须是实习单位的成员。")


def _facts(
    values: PlacementInput,
    *,
    enterprise: Organization,
    profile: StudentProfile | None,
    birth_date: date | None,
    unit_interns: int,
    post_interns: int,
) -> PlacementFacts:
    return PlacementFacts(
        kind=values.kind,
        start_date=values.start_date,
        birth_date=birth_date,
        enrollment_year=None if profile is None else profile.enrollment_year,
        daily_hours=values.daily_hours,
        weekly_hours=values.weekly_hours,
        has_night_shift=values.has_night_shift,
        has_overtime=values.has_overtime,
        has_holiday_work=values.has_holiday_work,
        monthly_pay=values.monthly_pay,
        probation_wage=values.probation_wage,
        unit_staff=enterprise.employee_count,
        unit_interns=unit_interns,
        post_staff=values.post_staff_count,
        post_interns=post_interns,
        charges_fees=values.charges_fees,
        withholds_id_documents=values.withholds_id_documents,
        via_intermediary=values.via_intermediary,
        venue_text=f"{values.venue_description} {values.address} {values.post_name}",
    )


def breaches_refuse(breaches: list[Breach], *, prefix: str = "") -> None:
    """Refuse an entry with every breach, each under its field (``extra.fields``)."""
    if not breaches:
        return
    field_errors: dict[str, list[str]] = {}
    for breach in breaches:
        field_errors.setdefault(breach.field, []).append(prefix + breach.message)
    raise ApplicationError(
        prefix + breaches[0].message,
        extra={
            "fields": field_errors,
            "field": breaches[0].field,
            "rules": [breach.rule.key for breach in breaches],
        },
    )


def _counts(
    values: PlacementInput, *, enterprise: Organization, added: int, exclude_pk: int | None
) -> tuple[int, int]:
    if values.kind != PlacementKind.POST:
        return added, added
    common: dict[str, Any] = {
        "enterprise_id": enterprise.pk,
        "start": values.start_date,
        "end": values.end_date,
        "exclude_pk": exclude_pk,
    }
    unit = unit_post_interns(**common) + added
    post = unit_post_interns(**common, post_name=values.post_name) + added
    return unit, post


def _source(
    *,
    enterprise: Organization | None,
    listing: Listing | None,
    application: Application | None,
    students: list[StudentEntry],
) -> tuple[Organization, str]:
    if application is not None:
        if application.state != ApplicationState.HIRED:
            raise field_refusal("application", "只有已录用的投递可以转为实习安排。")
        if [entry.student.pk for entry in students] != [application.applicant_id]:
            raise field_refusal("students", "由投递转入时，学生只能是该投递的投递人。")
        return application.organization, PlacementSource.APPLICATION
    if listing is not None:
        if listing.kind != ListingKind.INTERNSHIP or listing.organization is None:
            raise field_refusal("listing", "只能选择实习单位发布的实习岗位。")
        return listing.organization, PlacementSource.LISTING
    if enterprise is None:
        raise field_refusal("enterprise", "请选择实习单位（或实习岗位、投递）。")
    return enterprise, PlacementSource.SCHOOL


def _profiles(students: list[StudentEntry]) -> list[StudentProfile]:
    if not students:
        raise field_refusal("students", "请至少选择一名学生。")
    ids = [entry.student.pk for entry in students]
    if len(set(ids)) != len(ids):
        raise field_refusal("students", "同一名学生在本次安排中出现了多次。")
    profiles = {p.user_id: p for p in StudentProfile.objects.filter(user_id__in=ids)}
    missing = [entry.student for entry in students if entry.student.pk not in profiles]
    if missing:
        name = missing[0].real_name or missing[0].username
        raise field_refusal("students", f"{name} 没有经学校确认的学生档案，不能安排实习。")
    return [profiles[pk] for pk in ids]


def placement_create(
    *,
    actor: User,
    values: PlacementInput,
    students: list[StudentEntry],
    enterprise: Organization | None = None,
    listing: Listing | None = None,
    application: Application | None = None,
) -> list[Placement]:
    """Place one student or a group (one row each, written together) after the red-line checks."""
    unit, source = _source(
        enterprise=enterprise, listing=listing, application=application, students=students
    )
    profiles = _profiles(students)
    for profile in profiles:
        if not user_can_act_for_organization(actor, profile.school):
            audit_refusal(
                actor=actor,
                action="placement.create",
                target=profile.school,
                message="只有学生所在学校的机构管理员或信息员可以安排实习。",
            )
    _values_check(values)
    school_ids = {profile.school_id for profile in profiles}
    for school_id in school_ids:
        _mentors_check(values, school_id=school_id, enterprise_id=unit.pk)
    batch = get_random_string(16) if len(students) > 1 else ""
    with transaction.atomic():
        # The unit's row lock serialises placements at one unit, so the share counts hold.
        unit = Organization.objects.select_for_update().get(pk=unit.pk)
        unit_count, post_count = _counts(
            values, enterprise=unit, added=len(students), exclude_pk=None
        )
        for entry, profile in zip(students, profiles, strict=True):
            birth_date = profile.birth_date or entry.birth_date
            facts = _facts(
                values,
                enterprise=unit,
                profile=profile,
                birth_date=birth_date,
                unit_interns=unit_count,
                post_interns=post_count,
            )
            prefix = (
                ""
                if len(students) == 1
                else f"{entry.student.real_name or entry.student.username}："
            )
            breaches_refuse(breaches_find(facts), prefix=prefix)
        return [
            _placement_write(
                actor=actor,
                values=values,
                entry=entry,
                profile=profile,
                enterprise=unit,
                source=source,
                listing=listing if application is None else application.listing,
                application=application,
                batch=batch,
            )
            for entry, profile in zip(students, profiles, strict=True)
        ]


def _placement_write(
    *,
    actor: User,
    values: PlacementInput,
    entry: StudentEntry,
    profile: StudentProfile,
    enterprise: Organization,
    source: str,
    listing: Listing | None,
    application: Application | None,
    batch: str,
) -> Placement:
    if profile.birth_date is None and entry.birth_date is not None:
        profile.birth_date = entry.birth_date
        profile.save(update_fields=["birth_date", "updated_at"])
    placement = Placement(
        student=entry.student,
        school_id=profile.school_id,
        enterprise=enterprise,
        listing=listing,
        application=application,
        source=source,
        batch=batch,
        created_by=actor,
        **{name: getattr(values, name) for name in INPUT_FIELDS},
    )
    placement.full_clean()
    placement.save()
    history_first_step(
        workflow=PLACEMENT_WORKFLOW.name,
        obj=placement,
        step="create",
        to_state=PlacementState.PLANNED,
        actor=actor,
    )
    audit_event_record(
        actor=actor,
        action="placement.create",
        target=placement,
        changes={"student": [None, entry.student.pk], "enterprise": [None, enterprise.pk]},
    )
    return placement


EDITABLE_STATES = (PlacementState.PLANNED, PlacementState.SIGNED, PlacementState.ACTIVE)


def placement_update(*, actor: User, placement: Placement, values: PlacementInput) -> Placement:
    """Change a placement: refused on a breach before the start; alerts once it runs."""
    if not user_acts_for_school(actor, placement):
        audit_refusal(
            actor=actor,
            action="placement.update",
            target=placement,
            message="只有学生所在学校的机构管理员或信息员可以修改实习安排。",
        )
    _values_check(values)
    _mentors_check(values, school_id=placement.school_id, enterprise_id=placement.enterprise_id)
    with transaction.atomic():
        unit = Organization.objects.select_for_update().get(pk=placement.enterprise_id)
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.status not in EDITABLE_STATES:
            raise ApplicationError(
                f"该实习安排当前状态为“{locked.get_status_display()}”，不能修改。"
            )
        unit_count, post_count = _counts(values, enterprise=unit, added=1, exclude_pk=locked.pk)
        profile = StudentProfile.objects.filter(user_id=locked.student_id).first()
        facts = _facts(
            values,
            enterprise=unit,
            profile=profile,
            birth_date=None if profile is None else profile.birth_date,
            unit_interns=unit_count,
            post_interns=post_count,
        )
        breaches = breaches_find(facts)
        if locked.status != PlacementState.ACTIVE:
            breaches_refuse(breaches)
        before = {name: getattr(locked, name) for name in INPUT_FIELDS}
        for name in INPUT_FIELDS:
            setattr(locked, name, getattr(values, name))
        locked.full_clean()
        locked.save()
        after = {name: getattr(locked, name) for name in INPUT_FIELDS}
        audit_event_record(
            actor=actor,
            action="placement.update",
            target=locked,
            changes=changes_between(before, after),
        )
        if breaches:
            alerts_raise(placement=locked, breaches=breaches)
    return locked


def placement_transition(
    *, actor: User, placement: Placement, name: str, reason: str = ""
) -> Placement:
    """Take a step of the placement workflow (start, complete, terminate, cancel)."""
    reason = (reason or "").strip()
    if name == "terminate" and not reason:
        raise field_refusal("reason", "提前终止实习时必须填写原因。")
    extra = {"termination_reason": reason[:500]} if name == "terminate" else None
    return transition_apply(
        workflow=PLACEMENT_WORKFLOW,
        obj=placement,
        name=name,
        actor=actor,
        reason=reason,
        extra_changes=extra,
    )
