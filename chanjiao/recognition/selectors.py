"""Reads: programmes, the recognitions a user may see, the public directory (认证目录), targets
counted against the directory by year, and the credit estimate."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import (
    is_platform_staff,
    reviewed_region_codes,
    user_organization_ids,
)
from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.models import Locality, PolicyParameter
from chanjiao.recognition.credit import CreditRule, CreditYear, Declared, credit_schedule
from chanjiao.recognition.models import (
    Objection,
    Programme,
    Recognition,
    RecognitionState,
)
from chanjiao.recognition.permissions import (
    user_can_see_recognition,
    user_is_preliminary_reviewer,
    user_is_programme_reviewer,
    user_is_second_reviewer,
)

S = RecognitionState


def programme_list(*, locality: Locality | None = None) -> QuerySet[Programme]:
    """Every programme (of one locality), with its locality and conditions loaded."""
    qs = Programme.objects.select_related("locality", "locality__region").prefetch_related(
        "conditions"
    )
    if locality is not None:
        qs = qs.filter(locality=locality)
    return qs.order_by("locality__name", "key")


def programme_get(*, programme_id: int) -> Programme:
    programme = programme_list().filter(pk=programme_id).first()
    if programme is None:
        raise NotFoundError("未找到该认定项目。")
    return programme


def _visible(user: User | AnonymousUser) -> Q | None:
    """None: everything (staff)."""
    if is_platform_staff(user):
        return None
    condition = Q(organization_id__in=user_organization_ids(user))
    for code in reviewed_region_codes(user):
        condition |= Q(programme__locality__region__code__startswith=code)
    return condition


def recognition_list(
    *,
    fetched_by: User | AnonymousUser,
    status: str | None = None,
    programme: Programme | None = None,
    locality: Locality | None = None,
) -> QuerySet[Recognition]:
    """The recognitions the user may see: their organisations', and their localities' as officer."""
    qs = Recognition.objects.select_related(
        "programme", "programme__locality", "organization", "organization__region"
    )
    condition = _visible(fetched_by)
    if condition is not None:
        qs = qs.filter(condition)
    if status:
        qs = qs.filter(status=status)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if locality is not None:
        qs = qs.filter(programme__locality=locality)
    return qs.order_by("-created_at", "-pk")


def recognition_get_for_user(user: User | AnonymousUser, recognition_id: int) -> Recognition:
    """One recognition; 404 for a missing or invisible one."""
    recognition = (
        Recognition.objects.select_related(
            "programme",
            "programme__locality",
            "programme__locality__region",
            "organization",
            "organization__region",
        )
        .filter(pk=recognition_id)
        .first()
    )
    if recognition is None or not user_can_see_recognition(user, recognition):
        raise NotFoundError("未找到该申报，或您无权查看。")
    return recognition


def objection_get_for_user(user: User | AnonymousUser, objection_id: int) -> Objection:
    objection = Objection.objects.select_related("recognition").filter(pk=objection_id).first()
    if objection is None:
        raise NotFoundError("未找到该异议。")
    recognition_get_for_user(user, objection.recognition_id)
    return objection


def directory_list(
    *,
    locality: Locality | None = None,
    programme: Programme | None = None,
    q: str = "",
) -> QuerySet[Recognition]:
    """The public directory (认证目录): certified and still valid; lapsed, withdrawn and revoked
    entries leave it (their history stays with the recognition)."""
    today = timezone.localdate()
    qs = Recognition.objects.filter(status=S.CERTIFIED, valid_until__gte=today).select_related(
        "programme", "programme__locality", "organization", "organization__region"
    )
    if locality is not None:
        qs = qs.filter(programme__locality=locality)
    if programme is not None:
        qs = qs.filter(programme=programme)
    if q:
        qs = qs.filter(
            Q(organization__name__icontains=q)
            | Q(certificate_number__icontains=q)
            | Q(programme__name__icontains=q)
        )
    return qs.order_by("programme__locality__name", "programme__key", "-certified_on", "pk")


def recognitions_in_notice(*, locality: Locality | None = None) -> QuerySet[Recognition]:
    """The applications under public notice (公示), for anyone to read and object to."""
    qs = Recognition.objects.filter(status=S.NOTICE).select_related(
        "programme", "programme__locality", "organization"
    )
    if locality is not None:
        qs = qs.filter(programme__locality=locality)
    return qs.order_by("notice_end", "pk")


@dataclass(frozen=True)
class TargetYear:
    year: int
    certified: int  # certified in that year
    in_directory: int  # certified by the end of that year and still in the directory


@dataclass(frozen=True)
class TargetProgress:
    programme: Programme
    parameter: PolicyParameter | None
    current: int
    years: list[TargetYear]

    @property
    def target_text(self) -> str:
        if self.parameter is None:
            return "文件未规定数量目标"
        return self.parameter.rule_text

    @property
    def target_value(self) -> Decimal | None:
        if self.parameter is None:
            return None
        return self.parameter.value_max or self.parameter.value


def target_progress(*, locality: Locality) -> list[TargetProgress]:
    """Each programme of the locality: directory count now and by year, beside its target."""
    today = timezone.localdate()
    parameters = {p.key: p for p in PolicyParameter.objects.filter(locality=locality)}
    result = []
    for programme in Programme.objects.filter(locality=locality).order_by("key"):
        listed = list(directory_list(programme=programme).values_list("certified_on", flat=True))
        years = sorted({d.year for d in listed if d is not None} | {today.year})
        rows = [
            TargetYear(
                year=y,
                certified=sum(1 for d in listed if d and d.year == y),
                in_directory=sum(1 for d in listed if d and d.year <= y),
            )
            for y in years
        ]
        result.append(
            TargetProgress(
                programme=programme,
                parameter=parameters.get(programme.target_parameter_key),
                current=len(listed),
                years=rows,
            )
        )
    return result


@dataclass(frozen=True)
class CreditEstimate:
    rule: CreditRule
    years: list[CreditYear]

    @property
    def total_credited(self) -> Decimal:
        return sum((y.credited for y in self.years), Decimal(0))

    @property
    def carried_now(self) -> Decimal:
        return self.years[-1].carried_out if self.years else Decimal(0)


def credit_estimate(recognition: Recognition) -> CreditEstimate | None:
    """The 30 % credit year by year from the declared investments; None without a credit rule."""
    rule = CreditRule.from_data(recognition.programme.credit_rule)
    if rule is None:
        return None
    declared = [
        Declared(year=row.year, investment=row.investment, surcharge_due=row.surcharge_due)
        for row in recognition.investments.all()
    ]
    return CreditEstimate(rule=rule, years=credit_schedule(rule, declared))


@dataclass(frozen=True)
class WorkbenchCounts:
    to_preliminary: int  # 已申报, waiting for this user's 初审
    to_review: int  # 初审通过, waiting for a 复核 this user may take
    to_certify: int  # 公示 over, waiting for 认定
    returned_own: int  # the user's organisations' applications sent back for completion


def workbench_counts(user: User) -> WorkbenchCounts:
    """What waits on this user in recognition programmes (one query per kind)."""
    today = timezone.localdate()
    visible = recognition_list(fetched_by=user)
    own_ids = user_organization_ids(user)
    others = visible.exclude(organization_id__in=own_ids)
    submitted = [
        r for r in others.filter(status=S.SUBMITTED) if user_is_preliminary_reviewer(user, r)
    ]
    reviewable = [
        r for r in others.filter(status=S.PRELIMINARY) if user_is_second_reviewer(user, r)
    ]
    certifiable = [
        r
        for r in others.filter(status=S.NOTICE, notice_end__lt=today)
        if user_is_programme_reviewer(user, r)
    ]
    returned = visible.filter(status=S.RETURNED, organization_id__in=own_ids).count()
    return WorkbenchCounts(len(submitted), len(reviewable), len(certifiable), returned)


def officer_localities(user: User) -> list[Locality]:
    """The localities with programmes whose officer the user is (staff: none, to keep it short)."""
    codes = reviewed_region_codes(user)
    if not codes or is_platform_staff(user):
        return []
    localities = Locality.objects.filter(programmes__isnull=False).select_related("region")
    return [
        locality
        for locality in localities.distinct().order_by("name")
        if any(locality.region.code.startswith(code) for code in codes)
    ]
