"""Platform outcomes of a school's students: who applied, was invited, was hired, through us.

Counted from the applications made on this platform (the applicant's school, major and cohort are
copied from their confirmed student profile when they apply). These are platform data, one input
beside the imported 毕业去向 figures, never a replacement for them. Aggregates only: people who
may read the school's own figures (its members, the 政府管理员 of its region, platform staff) see
exact counts; everyone else sees any count below five as "<5", and a column's total only where
it cannot give a hidden count away.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.organizations.models import Organization
from chanjiao.statistics.permissions import user_can_read_school_outcomes

SUPPRESS_BELOW = 5
OUTCOMES_SOURCE = "本平台投递记录（非学校导入的毕业去向统计）"
SUPPRESSED_TEXT = "<5"
WITHHELD_TEXT = "—"
COUNT_FIELDS = ("applied", "invited", "hired")

_COUNTS = {
    "applied": Count("applicant", distinct=True),
    "invited": Count("applicant", filter=Q(invited_at__isnull=False), distinct=True),
    "hired": Count("applicant", filter=Q(state=ApplicationState.HIRED), distinct=True),
}


@dataclass(frozen=True)
class ApplicationOutcome:
    """Distinct applicants of one (major, cohort) of a school — or of the whole school."""

    major_code: str  # "" when the student profile named no major (or for the total)
    major_name: str
    graduation_year: int | None
    applied: int
    invited: int
    hired: int


def _applications(school: Organization, year: int | None) -> QuerySet[Application]:
    # A withdrawn application was taken back by its applicant: it is no outcome.
    rows = Application.objects.filter(school=school).exclude(state=ApplicationState.WITHDRAWN)
    if year is not None:
        rows = rows.filter(graduation_year=year)
    return rows.order_by()


def application_outcomes(
    *, school: Organization, year: int | None = None
) -> list[ApplicationOutcome]:
    """Count distinct applicants who applied, were invited, were hired per (major, cohort)."""
    sums: Any = (
        _applications(school, year)
        .values("major__code", "major__name", "graduation_year")
        .annotate(**_COUNTS)
    )
    outcomes = [
        ApplicationOutcome(
            major_code=row["major__code"] or "",
            major_name=row["major__name"] or "",
            graduation_year=row["graduation_year"],
            applied=row["applied"],
            invited=row["invited"],
            hired=row["hired"],
        )
        for row in sums
    ]
    return sorted(outcomes, key=lambda o: (-(o.graduation_year or 0), o.major_code or "~"))


def application_outcomes_total(
    *, school: Organization, year: int | None = None
) -> ApplicationOutcome:
    """Count distinct applicants over the whole school (a person in two rows counts once)."""
    row = _applications(school, year).aggregate(**_COUNTS)
    return ApplicationOutcome("", "", year, row["applied"], row["invited"], row["hired"])


@dataclass(frozen=True)
class ShownCount:
    """A count as a viewer may see it: ``value`` None when hidden, ``text`` what to print."""

    value: int | None
    text: str


@dataclass(frozen=True)
class OutcomeLine:
    major_code: str
    major_name: str
    graduation_year: int | None
    applied: ShownCount
    invited: ShownCount
    hired: ShownCount


@dataclass(frozen=True)
class OutcomeTable:
    school: Organization
    year: int | None
    exact: bool  # False: counts below SUPPRESS_BELOW are hidden
    lines: list[OutcomeLine]
    total: OutcomeLine


def _shown(count: int, *, exact: bool) -> ShownCount:
    if exact or count >= SUPPRESS_BELOW:
        return ShownCount(count, str(count))
    return ShownCount(None, SUPPRESSED_TEXT)


def _line(outcome: ApplicationOutcome, *, exact: bool) -> OutcomeLine:
    return OutcomeLine(
        outcome.major_code,
        outcome.major_name,
        outcome.graduation_year,
        *(_shown(getattr(outcome, name), exact=exact) for name in COUNT_FIELDS),
    )


def _total_shown(total: int, lines: list[OutcomeLine], name: str, *, exact: bool) -> ShownCount:
    shown = _shown(total, exact=exact)
    if shown.value is None:
        return shown
    # Total minus the printed rows would give away a hidden row (or the sum of a few).
    if any(getattr(line, name).value is None for line in lines):
        return ShownCount(None, WITHHELD_TEXT)
    return shown


def application_outcomes_for_user(
    *, user: User | AnonymousUser, school: Organization, year: int | None = None
) -> OutcomeTable:
    """Return the school's outcome table as this viewer may see it (exact, or suppressed)."""
    exact = user_can_read_school_outcomes(user, school)
    lines = [_line(o, exact=exact) for o in application_outcomes(school=school, year=year)]
    total = application_outcomes_total(school=school, year=year)
    counts = (_total_shown(getattr(total, n), lines, n, exact=exact) for n in COUNT_FIELDS)
    total_line = OutcomeLine("", "合计（按人去重）", year, *counts)
    return OutcomeTable(school=school, year=year, exact=exact, lines=lines, total=total_line)
