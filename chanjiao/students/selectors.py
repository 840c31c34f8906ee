"""Reads: the schools and majors a person chooses from, claims for their owner and for schools."""

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Major, MajorLevel
from chanjiao.common.exceptions import NotFoundError
from chanjiao.organizations.models import Organization, OrganizationType, SchoolMajor
from chanjiao.students.models import ClaimState, StudentClaim
from chanjiao.students.permissions import schools_user_acts_for

# The catalogue level of each kind of school, for a school that lists no majors of its own.
SCHOOL_LEVELS: dict[str, str] = {
    OrganizationType.SECONDARY_VOCATIONAL: MajorLevel.SECONDARY,
    OrganizationType.HIGHER_VOCATIONAL: MajorLevel.HIGHER,
    OrganizationType.VOCATIONAL_UNDERGRADUATE: MajorLevel.BACHELOR_VOCATIONAL,
    OrganizationType.UNIVERSITY: MajorLevel.UNDERGRADUATE,
}


def name_key(text: str) -> str:
    """Compare names as people type them: NFKC (full-width letters, brackets), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass(frozen=True)
class SchoolOption:
    """A school as the person picks it: its name, with the region when the name is shared."""

    school: Organization
    label: str


def school_options() -> list[SchoolOption]:
    """Return every school on the platform with the label it is chosen by, sorted by name."""
    schools = list(Organization.objects.schools().select_related("region").order_by("name", "pk"))
    counts: dict[str, int] = {}
    for school in schools:
        counts[school.name] = counts.get(school.name, 0) + 1
    return [
        SchoolOption(
            school=school,
            label=school.name
            if counts[school.name] == 1
            else f"{school.name}（{school.region.name}）",
        )
        for school in schools
    ]


def school_find(value: str | int) -> Organization | None:
    """Return the school chosen by its id, its label or its (unshared) name; None if none fits."""
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return Organization.objects.schools().filter(pk=int(value)).first()
    key = name_key(str(value))
    if not key:
        return None
    options = school_options()
    by_label = [o.school for o in options if name_key(o.label) == key]
    if by_label:
        return by_label[0]
    by_name = [o.school for o in options if name_key(o.school.name) == key]
    return by_name[0] if len(by_name) == 1 else None


def school_get(*, school_id: int) -> Organization:
    """Return the school with this id; raise ``NotFoundError`` for any other id."""
    school = Organization.objects.schools().select_related("region").filter(pk=school_id).first()
    if school is None:
        raise NotFoundError("未找到该学校。")
    return school


def school_major_options(school: Organization) -> list[Major]:
    """Return the majors a person of this school chooses from, by name, one per name.

    The school's own 专业点 (any year); only when it lists none, the catalogue's current majors of
    the school's level.
    """
    offered = Major.objects.filter(
        pk__in=SchoolMajor.objects.filter(school=school).values("major_id")
    )
    majors = offered if offered.exists() else _catalogue_majors(school)
    by_name: dict[str, Major] = {}
    # Current majors and newer catalogue versions first, so a shared name keeps the newest one.
    for major in majors.order_by("-is_active", "-catalog_version", "code"):
        by_name.setdefault(name_key(major.name), major)
    return sorted(by_name.values(), key=lambda major: (major.name, major.pk))


def _catalogue_majors(school: Organization) -> QuerySet[Major]:
    level = SCHOOL_LEVELS.get(school.org_type)
    if level is None:
        return Major.objects.none()
    return Major.objects.filter(level=level, is_active=True)


def school_major_find(school: Organization, name: str) -> Major | None:
    """Return the school's major with this name (as typed), or None."""
    key = name_key(name)
    return next((m for m in school_major_options(school) if name_key(m.name) == key), None)


def student_claim_for_user(user: User | AnonymousUser) -> StudentClaim | None:
    """Return the person's open claim, else their latest one, else None."""
    if not user.is_authenticated:
        return None
    claims = StudentClaim.objects.filter(user_id=user.pk).select_related(
        "school", "major", "decided_by"
    )
    return claims.open().first() or claims.order_by("-submitted_at", "-pk").first()


def student_claim_get(*, claim_id: int) -> StudentClaim:
    """Return the claim with this id (a decision's permission is the workflow's to check)."""
    claim = (
        StudentClaim.objects.select_related("user", "school", "major").filter(pk=claim_id).first()
    )
    if claim is None:
        raise NotFoundError("未找到该申请。")
    return claim


def student_claim_list(
    *,
    fetched_by: User | AnonymousUser,
    school_id: int | None = None,
    state: str = ClaimState.PENDING,
    major_id: int | None = None,
    graduation_year: int | None = None,
) -> QuerySet[StudentClaim]:
    """Return the claims of the schools the user acts for, oldest first, filtered."""
    school_ids = [school.pk for school in schools_user_acts_for(fetched_by)]
    if school_id is not None:
        school_ids = [pk for pk in school_ids if pk == school_id]
    claims = StudentClaim.objects.filter(school_id__in=school_ids)
    if state:
        claims = claims.filter(state=state)
    if major_id is not None:
        claims = claims.filter(major_id=major_id)
    if graduation_year is not None:
        claims = claims.filter(graduation_year=graduation_year)
    return claims.select_related("user", "school", "major").order_by("submitted_at", "pk")


def student_claims_pending_count(user: User | AnonymousUser) -> int:
    """Return how many claims wait on the schools this user acts for (the workbench's count)."""
    school_ids = [school.pk for school in schools_user_acts_for(user)]
    if not school_ids:
        return 0
    return StudentClaim.objects.pending().filter(school_id__in=school_ids).count()
