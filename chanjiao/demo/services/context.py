"""The in-memory shape of a demonstration data set, and helpers shared while planning it."""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime

from chanjiao.catalogs.models import Industry, Major, MajorLevel, Region
from chanjiao.demo.services import identity
from chanjiao.demo.services.majors import LevelPool, Offering
from chanjiao.localities.models import Locality, NamedInstitution
from chanjiao.organizations.models import OrganizationType

ABOVE_DESIGNATED_SIZE_EMPLOYEES = 50
GRADUATION_YEARS = range(2022, 2028)
LAST_GRADUATED_YEAR = 2025
PLATFORM_LAUNCH = datetime(2021, 3, 1, 1, 0, tzinfo=UTC)
SCHOOL_LEVELS: dict[str, MajorLevel] = {
    OrganizationType.SECONDARY_VOCATIONAL: MajorLevel.SECONDARY,
    OrganizationType.HIGHER_VOCATIONAL: MajorLevel.HIGHER,
    OrganizationType.VOCATIONAL_UNDERGRADUATE: MajorLevel.BACHELOR_VOCATIONAL,
    OrganizationType.UNIVERSITY: MajorLevel.UNDERGRADUATE,
}
# fmt: off
ROADS = (
    "人民路", "解放路", "建设路", "中山路", "新兴路", "和平路", "文化路", "环城路", "东风路",
    "胜利路", "光明路", "学院路", "滨江路", "民主路", "兴业路", "科技路", "创业大道", "工业大道",
)
# fmt: on


@dataclass
class OrganizationPlan:
    key: str
    name: str
    org_type: str
    region: Region
    credit_code: str
    address: str
    description: str
    industry: Industry | None = None
    employee_count: int | None = None
    is_verified: bool = True
    named_institution: NamedInstitution | None = None
    offerings: list[Offering] = field(default_factory=list)

    @property
    def is_above_designated_size(self) -> bool:
        return (self.employee_count or 0) >= ABOVE_DESIGNATED_SIZE_EMPLOYEES


@dataclass
class PersonPlan:
    username: str
    real_name: str
    phone: str
    id_number: str
    date_joined: datetime
    # A platform administrator's role (三员分立); None for everyone else.
    admin_role: str | None = None
    organization_key: str | None = None
    role: str | None = None
    school_key: str | None = None
    major: Major | None = None
    graduation_year: int | None = None
    skills: str = ""

    @property
    def is_graduate(self) -> bool:
        return self.graduation_year is not None and self.graduation_year <= LAST_GRADUATED_YEAR


@dataclass
class DemoPlan:
    organizations: list[OrganizationPlan]
    people: list[PersonPlan]


@dataclass
class KeyIndustry:
    label: str
    word: str
    leaves: list[Industry]


@dataclass
class PlanContext:
    """What every planning step reads, plus the names and codes already handed out."""

    locality: Locality
    short_name: str
    districts: list[Region]
    key_industries: list[KeyIndustry]
    pools: dict[str, LevelPool]
    brands: dict[str, list[str]]
    industries: dict[str, Industry]
    taken_names: set[str]
    credit_codes: set[str] = field(default_factory=set)
    # Every account of the locality starts with it (``demo_wz_``), so localities never collide.
    username_prefix: str = "demo_"


def claim_name(context: PlanContext, name: str) -> bool:
    """Reserve an organisation name; refuse one a real or planned organisation has."""
    if name in context.taken_names:
        return False
    context.taken_names.add(name)
    return True


def unique_credit_code(
    context: PlanContext, rng: random.Random, prefix: str, region: Region
) -> str:
    """Return a credit code no other planned organisation has."""
    code = identity.credit_code(rng, prefix=prefix, region_code=region.code)
    while code in context.credit_codes:
        code = identity.credit_code(rng, prefix=prefix, region_code=region.code)
    context.credit_codes.add(code)
    return code


def address(rng: random.Random, region: Region, road: str | None = None) -> str:
    """Return a street address in the region."""
    place = region.full_name or region.name
    street = road or rng.choice(ROADS)
    number = rng.randint(1, 300)
    return f"{place}{street}{number}号"
