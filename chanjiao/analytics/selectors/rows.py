"""The rows the analytics selectors return."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemandRow:
    code: str
    name: str
    openings: int | None
    postings: int | None
    suppressed: bool


@dataclass(frozen=True)
class SupplyRow:
    code: str
    name: str
    schools: int | None
    graduates: int | None
    enrollment: int | None
    suppressed: bool


@dataclass(frozen=True)
class SupplyDemandRow:
    code: str
    name: str
    demand: float | None
    supply: float | None
    gap: float | None  # demand − supply
    ratio: float | None  # demand / supply (None without supply)
    suppressed: bool
