"""The 30 % credit of investment in vocational education against 教育费附加 and 地方教育附加.

梧州（八）and 普陀 三2 let a 产教融合型企业 credit 30 % of its investment in vocational education
against the surcharges due that year; 财税〔2019〕46号 also lets the part not used carry forward to
later years (the programme's ``credit_rule`` says whether, and whether that source was verified).
The platform only estimates: the tax authority (税务机关) decides.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CreditRule:
    share: Decimal
    clause: str
    quote: str
    carry_forward: bool
    carry_forward_source: str
    carry_forward_verified: bool

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "CreditRule | None":
        if not data:
            return None
        return cls(
            share=Decimal(str(data["share"])),
            clause=str(data.get("clause", "")),
            quote=str(data.get("quote", "")),
            carry_forward=bool(data.get("carry_forward", False)),
            carry_forward_source=str(data.get("carry_forward_source", "")),
            carry_forward_verified=bool(data.get("carry_forward_verified", False)),
        )


@dataclass(frozen=True)
class Declared:
    year: int
    investment: Decimal
    surcharge_due: Decimal


@dataclass(frozen=True)
class CreditYear:
    year: int
    investment: Decimal
    surcharge_due: Decimal
    earned: Decimal  # share × investment of the year
    carried_in: Decimal
    available: Decimal
    credited: Decimal  # never more than the surcharge due
    carried_out: Decimal  # what later years may use (0 when the rule does not carry forward)
    forfeited: Decimal  # unused and not carried


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def credit_schedule(rule: CreditRule, declared: list[Declared]) -> list[CreditYear]:
    """Compute the credit year by year, in year order; a gap year carries nothing new."""
    years: list[CreditYear] = []
    carried = Decimal(0)
    for row in sorted(declared, key=lambda d: d.year):
        earned = _money(row.investment * rule.share / 100)
        available = earned + carried
        credited = min(available, row.surcharge_due)
        unused = available - credited
        carried_out = unused if rule.carry_forward else Decimal(0)
        years.append(
            CreditYear(
                year=row.year,
                investment=row.investment,
                surcharge_due=row.surcharge_due,
                earned=earned,
                carried_in=carried,
                available=available,
                credited=credited,
                carried_out=carried_out,
                forfeited=unused - carried_out,
            )
        )
        carried = carried_out
    return years
