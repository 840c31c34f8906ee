"""Reads the internship pages need besides the selectors: what the viewer may do on a placement,
the students and posts a school may choose from, the placements a policy may cover."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from chanjiao.accounts.models import Membership, User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.internships.gates import (
    agreement_missing_roles,
    agreement_required_roles,
    insurance_covers,
)
from chanjiao.internships.models import (
    Agreement,
    Alert,
    EvaluationDirection,
    Incident,
    IncidentState,
    PartyRole,
    Placement,
    PlacementState,
)
from chanjiao.internships.permissions import (
    user_acts_for_enterprise,
    user_acts_for_school,
    user_is_bureau,
    user_is_intern,
    user_mentor_role,
    user_sees_personal_data,
)
from chanjiao.internships.selectors import placement_list
from chanjiao.listings.display import mask_name
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import SCHOOL_TYPES, Organization, OrganizationType
from chanjiao.organizations.permissions import ACT_FOR_ROLES

OPEN_STATES = (PlacementState.PLANNED, PlacementState.SIGNED, PlacementState.ACTIVE)
ENDED = (PlacementState.COMPLETED, PlacementState.TERMINATED)


def acting_organizations(user: User | AnonymousUser) -> list[Organization]:
    """The organisations the user acts for (机构管理员 / 信息员)."""
    return [m.organization for m in active_memberships(user) if m.role in ACT_FOR_ROLES]


def acting_schools(user: User | AnonymousUser) -> list[Organization]:
    return [org for org in acting_organizations(user) if org.org_type in SCHOOL_TYPES]


def acting_enterprises(user: User | AnonymousUser) -> list[Organization]:
    return [
        org
        for org in acting_organizations(user)
        if org.org_type not in SCHOOL_TYPES and org.org_type != OrganizationType.GOVERNMENT
    ]


def school_students(schools: list[Organization]) -> QuerySet[User]:
    """The students whose confirmed profile names one of these schools."""
    return (
        User.objects.filter(student_profile__school__in=schools, is_active=True)
        .select_related("student_profile__major")
        .order_by("real_name", "username")
    )


def internship_posts() -> QuerySet[Listing]:
    """The live internship posts an enterprise published (what a school places students on)."""
    return (
        Listing.objects.published()
        .filter(kind=ListingKind.INTERNSHIP, organization__isnull=False)
        .select_related("organization", "region")
        .order_by("-published_at", "-pk")
    )


def host_organizations() -> QuerySet[Organization]:
    """The units a school may enter a placement with (anything but schools and government)."""
    excluded = [*SCHOOL_TYPES, OrganizationType.GOVERNMENT]
    return Organization.objects.exclude(org_type__in=excluded).order_by("name", "pk")


def organization_members(organization_ids: list[int]) -> QuerySet[User]:
    """The active members of these organisations (mentors are chosen among them)."""
    ids = Membership.objects.filter(
        organization_id__in=organization_ids, is_active=True
    ).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=ids, is_active=True).order_by("real_name", "username")


def student_label(user: User | AnonymousUser, placement: Placement) -> str:
    """The student's name, masked for the enterprise and the mentors."""
    name = str(placement.student.real_name or placement.student.username)
    return name if user_sees_personal_data(user, placement) else mask_name(name)


@dataclass(frozen=True)
class Viewer:
    """What the viewer is to one placement, and so which boxes and buttons they get."""

    school: bool
    enterprise: bool
    student: bool
    mentor: str
    bureau: bool

    @property
    def watches(self) -> bool:
        return self.school or self.bureau

    @property
    def reports_incidents(self) -> bool:
        return self.student or self.school or bool(self.mentor)


def viewer_of(user: User | AnonymousUser, placement: Placement) -> Viewer:
    return Viewer(
        school=user_acts_for_school(user, placement),
        enterprise=user_acts_for_enterprise(user, placement),
        student=user_is_intern(user, placement),
        mentor=user_mentor_role(user, placement),
        bureau=user_is_bureau(user, placement),
    )


@dataclass(frozen=True)
class PartyRow:
    role: str
    label: str
    confirmed: bool
    confirmed_at: object
    signer_name: str
    can_confirm: bool


def agreement_parties(
    viewer: Viewer, placement: Placement, agreement: Agreement | None
) -> list[PartyRow]:
    """Each required party: confirmed or not, and whether the viewer may confirm for it now."""
    if agreement is None:
        return []
    signed = {s.role: s for s in agreement.signatories.all()}
    may = {
        PartyRole.SCHOOL: viewer.school,
        PartyRole.GUARDIAN: viewer.school,
        PartyRole.ENTERPRISE: viewer.enterprise,
        PartyRole.STUDENT: viewer.student,
    }
    open_now = placement.status == PlacementState.PLANNED
    rows = []
    for role in agreement_required_roles(placement):
        signatory = signed.get(role)
        confirmed = signatory is not None and signatory.is_confirmed
        rows.append(
            PartyRow(
                role=role,
                label=str(PartyRole(role).label),
                confirmed=confirmed,
                confirmed_at=None if signatory is None else signatory.confirmed_at,
                signer_name="" if signatory is None else signatory.signer_name,
                can_confirm=open_now and not confirmed and may[PartyRole(role)],
            )
        )
    return rows


def evaluation_directions(viewer: Viewer, placement: Placement) -> list[tuple[str, str]]:
    """The evaluations the viewer may still submit (after the end, once per direction)."""
    if placement.status not in ENDED:
        return []
    done = set(placement.evaluations.values_list("direction", flat=True))
    allowed = {
        EvaluationDirection.SCHOOL_TO_STUDENT: viewer.school or viewer.mentor == "school",
        EvaluationDirection.ENTERPRISE_TO_STUDENT: viewer.enterprise
        or viewer.mentor == "enterprise",
        EvaluationDirection.STUDENT_TO_ENTERPRISE: viewer.student,
    }
    return [
        (str(value), str(label))
        for value, label in EvaluationDirection.choices
        if allowed[EvaluationDirection(value)] and value not in done
    ]


def insurable_placements(user: User, placement: Placement) -> QuerySet[Placement]:
    """The open placements of the same unit and school the user may cover with one policy."""
    return (
        placement_list(fetched_by=user)
        .filter(
            enterprise_id=placement.enterprise_id,
            school_id=placement.school_id,
            status__in=OPEN_STATES,
        )
        .order_by("student__real_name", "pk")
    )


@dataclass(frozen=True)
class Readiness:
    """What still stands before the start: the parties to confirm, the insurance."""

    missing_parties: list[str]
    insured: bool


def readiness_of(placement: Placement) -> Readiness:
    labels = [str(PartyRole(role).label) for role in agreement_missing_roles(placement)]
    return Readiness(missing_parties=labels, insured=insurance_covers(placement))


@dataclass(frozen=True)
class WorkbenchCounts:
    """What waits on the user in internships (the workbench shows each with a link)."""

    open_alerts: int
    open_incidents: int
    to_confirm: int
    active_own: int


def _unconfirmed_for(user: User, placements: QuerySet[Placement]) -> int:
    """Planned placements whose agreement waits on a party the user confirms for."""
    schools = [s.pk for s in acting_schools(user)]
    enterprises = [e.pk for e in acting_enterprises(user)]
    condition = Q(pk__in=[])
    if schools:
        condition |= Q(
            school_id__in=schools,
            agreement__signatories__role__in=[PartyRole.SCHOOL, PartyRole.GUARDIAN],
            agreement__signatories__confirmed_at__isnull=True,
        )
    if enterprises:
        condition |= Q(
            enterprise_id__in=enterprises,
            agreement__signatories__role=PartyRole.ENTERPRISE,
            agreement__signatories__confirmed_at__isnull=True,
        )
    condition |= Q(
        student_id=user.pk,
        agreement__signatories__role=PartyRole.STUDENT,
        agreement__signatories__confirmed_at__isnull=True,
    )
    return placements.filter(condition, status=PlacementState.PLANNED).distinct().count()


def workbench_counts(user: User) -> WorkbenchCounts:
    """Open alerts and incidents the user watches, agreements waiting on them, own placements."""
    visible = placement_list(fetched_by=user)
    alerts = Alert.objects.filter(placement__in=visible.values("pk"), resolved_at__isnull=True)
    incidents = Incident.objects.filter(
        placement__in=visible.values("pk"), status=IncidentState.REPORTED
    )
    return WorkbenchCounts(
        open_alerts=alerts.count(),
        open_incidents=incidents.count(),
        to_confirm=_unconfirmed_for(user, visible),
        active_own=visible.filter(student_id=user.pk, status=PlacementState.ACTIVE).count(),
    )
