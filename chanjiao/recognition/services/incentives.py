"""The incentive ledger (激励台账) and the investments declared for the 30 % surcharge credit."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ConflictError, field_refusal
from chanjiao.recognition.models import (
    OPEN_STATES,
    IncentiveEntry,
    IncentiveKind,
    InvestmentDeclaration,
    Recognition,
    RecognitionState,
)
from chanjiao.recognition.permissions import user_acts_for_applicant, user_is_programme_reviewer


def incentive_record(
    *,
    actor: User,
    recognition: Recognition,
    kind: str,
    granted_on: datetime.date,
    department: str,
    description: str,
    amount: Decimal | None = None,
) -> IncentiveEntry:
    """Write one ledger entry for a certified organisation (the responsible department)."""
    if not user_is_programme_reviewer(actor, recognition):
        audit_refusal(
            actor=actor,
            action="recognition.incentive",
            target=recognition,
            message="只有本地区的政府管理员可以登记激励。",
        )
    if recognition.status != RecognitionState.CERTIFIED:
        raise ConflictError("只能为已认定的机构登记激励。")
    allowed = recognition.programme.incentive_kinds
    if kind not in IncentiveKind.values or (allowed and kind not in allowed):
        raise field_refusal("kind", "本项目的政策没有这类激励。")
    if not department.strip():
        raise field_refusal("department", "请填写责任部门。")
    if not description.strip():
        raise field_refusal("description", "请填写激励内容。")
    if amount is not None and amount < 0:
        raise field_refusal("amount", "金额不能为负数。")
    with transaction.atomic():
        entry = IncentiveEntry.objects.create(
            recognition=recognition,
            kind=kind,
            granted_on=granted_on,
            amount=amount,
            department=department.strip()[:100],
            description=description.strip()[:500],
            recorded_by=actor,
        )
        audit_event_record(
            actor=actor,
            action="recognition.incentive",
            target=recognition,
            changes={"kind": kind, "amount": str(amount) if amount is not None else None},
        )
    return entry


def investment_declare(
    *,
    actor: User,
    recognition: Recognition,
    year: int,
    investment: Decimal,
    surcharge_due: Decimal,
) -> InvestmentDeclaration:
    """Declare (or correct) one year's investment in vocational education and surcharges due."""
    if not user_acts_for_applicant(actor, recognition):
        audit_refusal(
            actor=actor,
            action="recognition.investment",
            target=recognition,
            message="只有该机构的机构管理员或信息员可以申报投资。",
        )
    if not recognition.programme.credit_rule:
        raise field_refusal("year", "本项目的政策没有教育费附加抵免。")
    if recognition.status not in OPEN_STATES:
        raise ConflictError("该申报已结束，不能再申报投资。")
    if not 2019 <= year <= timezone.localdate().year:
        raise field_refusal("year", "年度应在 2019 年至今年之间。")
    if investment < 0:
        raise field_refusal("investment", "投资额不能为负数。")
    if surcharge_due < 0:
        raise field_refusal("surcharge_due", "应缴附加不能为负数。")
    with transaction.atomic():
        row, created = InvestmentDeclaration.objects.update_or_create(
            recognition=recognition,
            year=year,
            defaults={
                "investment": investment,
                "surcharge_due": surcharge_due,
                "declared_by": actor,
            },
        )
        audit_event_record(
            actor=actor,
            action="recognition.investment",
            target=recognition,
            changes={
                "year": year,
                "investment": str(investment),
                "surcharge_due": str(surcharge_due),
                "created": created,
            },
        )
    return row
