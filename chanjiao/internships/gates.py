"""The two start gates: a fully confirmed tripartite agreement and liability insurance.

Read by the ``start`` step (``internships.workflow``) and by the API (which parties still have to
confirm). The rules' parameters and articles come from ``data/red_lines.json``.
"""

from datetime import date

from chanjiao.internships.models import (
    Agreement,
    InsuranceKind,
    InsurancePolicy,
    PartyRole,
    Placement,
)
from chanjiao.internships.rules import age_on, rule_get


def student_birth_date(placement: Placement) -> date | None:
    profile = getattr(placement.student, "student_profile", None)
    return None if profile is None else profile.birth_date


def guardian_required(placement: Placement) -> bool:
    """Under the rule's age (18) on the start date, or of unknown age: the guardian signs too."""
    limit = int(rule_get("agreement_required").parameters["guardian_under_age"])
    birth_date = student_birth_date(placement)
    return birth_date is None or age_on(birth_date, placement.start_date) < limit


def agreement_required_roles(placement: Placement) -> list[str]:
    roles = [PartyRole.SCHOOL, PartyRole.ENTERPRISE, PartyRole.STUDENT]
    if guardian_required(placement):
        roles.append(PartyRole.GUARDIAN)
    return [str(role) for role in roles]


def agreement_missing_roles(placement: Placement) -> list[str]:
    """The required parties that have not confirmed yet (all of them without an agreement)."""
    required = agreement_required_roles(placement)
    agreement = Agreement.objects.filter(placement=placement).first()
    if agreement is None:
        return required
    confirmed = set(
        agreement.signatories.filter(confirmed_at__isnull=False).values_list("role", flat=True)
    )
    return [role for role in required if role not in confirmed]


def agreement_refusal(placement: Placement) -> str:
    """Why the agreement does not yet allow the start ("" when it does or is not required)."""
    rule = rule_get("agreement_required")
    if not rule.applies_to(placement.kind):
        return ""
    if not Agreement.objects.filter(placement=placement).exists():
        return rule.message("尚未生成三方协议")
    missing = agreement_missing_roles(placement)
    if not missing:
        return ""
    labels = "、".join(str(PartyRole(role).label) for role in missing)
    return rule.message(f"三方协议尚待{labels}确认")


def insurance_covers(placement: Placement) -> bool:
    """A liability policy names this placement and covers its whole period."""
    return InsurancePolicy.objects.filter(
        placements=placement,
        kind=InsuranceKind.LIABILITY,
        start_date__lte=placement.start_date,
        end_date__gte=placement.end_date,
    ).exists()


def insurance_refusal(placement: Placement) -> str:
    rule = rule_get("insurance_required")
    if not rule.applies_to(placement.kind) or insurance_covers(placement):
        return ""
    detail = f"没有覆盖 {placement.start_date} 至 {placement.end_date} 整个实习期的实习责任保险"
    return rule.message(detail)
