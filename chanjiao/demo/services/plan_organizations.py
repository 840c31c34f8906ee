"""Planning the demonstration organisations: offices, schools, enterprises and the rest."""

import random
import re
from dataclasses import dataclass

from chanjiao.catalogs.models import Industry, Region
from chanjiao.demo.services.context import (
    SCHOOL_LEVELS,
    OrganizationPlan,
    PlanContext,
    address,
    claim_name,
    unique_credit_code,
)
from chanjiao.demo.services.majors import school_offerings
from chanjiao.localities.models import NamedInstitution
from chanjiao.organizations.models import OrganizationType

_KIND_PATTERNS = (
    (re.compile("职业本科|职业技术大学"), OrganizationType.VOCATIONAL_UNDERGRADUATE),
    (re.compile("中职|中等职业|技工|职业高中|职教中心"), OrganizationType.SECONDARY_VOCATIONAL),
    (re.compile("高职|职业院校|职业学院|高等专科"), OrganizationType.HIGHER_VOCATIONAL),
    (re.compile("本科|大学|高校|学院"), OrganizationType.UNIVERSITY),
)
_SECONDARY_THEMES = ("工业学校", "商贸学校", "财经学校", "农业学校", "机电工程学校", "卫生学校")
_COLLEGE_THEMES = ("工贸", "科技", "信息", "财经", "交通", "农业", "城建", "电子")
# Posting category of the sample → (GB/T 4754 小类, word in the company name).
CATEGORY_INDUSTRIES = {
    "计算机/互联网": ("6513", "科技"),
    "销售/市场": ("5299", "商贸"),
    "金融/会计": ("7241", "财务咨询"),
    "传媒/设计": ("7259", "文化传媒"),
    "机械/制造": ("3484", "机械"),
    "电气/自动化": ("3829", "电气"),
    "物流/运输": ("5431", "物流"),
    "建筑/土木": ("4790", "建设工程"),
    "新能源": ("4416", "新能源"),
}
_GOVERNMENT_OFFICES = (
    ("jyj", "教育局", "教育局"),
    ("fgw", "发展和改革委员会", "发展和改革局"),
    ("rsj", "人力资源和社会保障局", "人力资源和社会保障局"),
)
# 统一社会信用代码: 51 社会团体, 12 事业单位, 52 民办非企业单位.
_CREDIT_PREFIX: dict[str, str] = {
    OrganizationType.ASSOCIATION: "51",
    OrganizationType.RESEARCH_INSTITUTE: "12",
    OrganizationType.TRAINING_PROVIDER: "52",
}
_KEY_PREFIX: dict[str, str] = {
    OrganizationType.ASSOCIATION: "assoc",
    OrganizationType.RESEARCH_INSTITUTE: "inst",
    OrganizationType.TRAINING_PROVIDER: "train",
}


def organizations_plan(context: PlanContext, rng: random.Random) -> list[OrganizationPlan]:
    """Plan the offices, schools, enterprises and other organisations of the locality."""
    organizations = _government_offices(context, rng)
    organizations += _schools(context, rng)
    organizations += _enterprises(context, rng)
    organizations += _other_organizations(context, rng)
    return organizations


def _government_offices(context: PlanContext, rng: random.Random) -> list[OrganizationPlan]:
    region = context.locality.region
    offices = []
    for key, city_suffix, county_suffix in _GOVERNMENT_OFFICES:
        suffix = county_suffix if region.level == Region.Level.COUNTY else city_suffix
        if key == "jyj" and region.level == Region.Level.PROVINCE:
            suffix = "教育委员会"
        name = f"{context.locality.name}{suffix}"
        if not claim_name(context, name):
            continue
        offices.append(
            OrganizationPlan(
                key=f"gov_{key}",
                name=name,
                org_type=OrganizationType.GOVERNMENT,
                region=region,
                credit_code=unique_credit_code(context, rng, "11", region),
                address=address(rng, region),
                description=f"演示数据：虚构的{context.locality.name}政府部门账号所属机构，仅用于演示。",
            )
        )
    return offices


@dataclass
class _School:
    name: str
    org_type: str
    institution: NamedInstitution | None = None
    region: Region | None = None


def _schools(context: PlanContext, rng: random.Random) -> list[OrganizationPlan]:
    wanted: list[_School] = []
    for named in context.locality.institutions.order_by("pk").select_related("organization"):
        org_type = _school_type(named.kind)
        linked = named.organization
        if org_type is None or (linked is not None and not linked.is_demo):
            continue
        if claim_name(context, named.name):
            wanted.append(_School(named.name, org_type, named))
    wanted += _generated_schools(context, rng, [school.org_type for school in wanted])
    schools = []
    for index, school in enumerate(wanted, start=1):
        name, org_type, institution = school.name, school.org_type, school.institution
        region = school.region or rng.choice(_urban(context.districts))
        pool = context.pools[SCHOOL_LEVELS[org_type]]
        origin = "地区政策文件点名的学校" if institution else "虚构的学校"
        schools.append(
            OrganizationPlan(
                key=f"school{index:02d}",
                name=name,
                org_type=org_type,
                region=region,
                credit_code=unique_credit_code(context, rng, "12", region),
                address=address(rng, region, "学院路"),
                named_institution=institution,
                description=f"演示数据：{origin}，专业设置、招生计划和师生账号均为虚构。",
                offerings=school_offerings(rng, pool=pool, is_key_school=institution is not None),
            )
        )
    return schools


def _urban(districts: list[Region]) -> list[Region]:
    """The city's own districts (区), where its colleges usually are; else every district."""
    return [d for d in districts if d.name.endswith("区")] or districts


def _school_type(kind: str) -> str | None:
    for pattern, org_type in _KIND_PATTERNS:
        if pattern.search(kind):
            return org_type
    return None


def _generated_schools(
    context: PlanContext, rng: random.Random, named_types: list[str]
) -> list[_School]:
    """Add schools until there are two 中职, two 高职 and one 本科 school."""
    bachelor = {OrganizationType.UNIVERSITY, OrganizationType.VOCATIONAL_UNDERGRADUATE}
    missing = [OrganizationType.SECONDARY_VOCATIONAL] * (
        2 - named_types.count(OrganizationType.SECONDARY_VOCATIONAL)
    ) + [OrganizationType.HIGHER_VOCATIONAL] * (
        2 - named_types.count(OrganizationType.HIGHER_VOCATIONAL)
    )
    if not bachelor & set(named_types):
        missing.append(OrganizationType.VOCATIONAL_UNDERGRADUATE)
    counties = [d for d in context.districts if d.name.endswith(("县", "市"))]
    generated: list[_School] = []
    for org_type in missing:
        for name, region in _school_names(context, rng, org_type, counties):
            if claim_name(context, name):
                generated.append(_School(name, org_type, region=region))
                break
    return generated


def _school_names(
    context: PlanContext, rng: random.Random, org_type: str, counties: list[Region]
) -> list[tuple[str, Region | None]]:
    """Candidate names, best first; a county's 职业教育中心 lies in that county."""
    prefix = context.locality.name
    if org_type == OrganizationType.SECONDARY_VOCATIONAL:
        names = [(f"{c.name}职业教育中心", c) for c in rng.sample(counties, len(counties))]
        themes = rng.sample(_SECONDARY_THEMES, len(_SECONDARY_THEMES))
        return names + [(f"{prefix}{theme}", None) for theme in themes]
    themes = rng.sample(_COLLEGE_THEMES, len(_COLLEGE_THEMES))
    if org_type == OrganizationType.HIGHER_VOCATIONAL:
        return [(f"{context.short_name}{theme}职业技术学院", None) for theme in themes]
    return [(f"{context.short_name}{theme}职业技术大学", None) for theme in themes]


def _enterprises(context: PlanContext, rng: random.Random) -> list[OrganizationPlan]:
    count = rng.randint(24, 36)
    key_count = round(count * 0.5) if context.key_industries else 0
    all_brands = [b for category in sorted(context.brands) for b in context.brands[category]]
    rng.shuffle(all_brands)
    used: set[str] = set()
    enterprises: list[OrganizationPlan] = []
    categories = sorted(c for c in CATEGORY_INDUSTRIES if context.brands.get(c))
    while len(enterprises) < count:
        index = len(enterprises)
        if index < key_count:
            key = context.key_industries[index % len(context.key_industries)]
            industry, word, bands = rng.choice(key.leaves), key.word, (0.15, 0.3, 0.35, 0.2)
            candidates = all_brands
        else:
            category = rng.choice(categories)
            code, word = CATEGORY_INDUSTRIES[category]
            industry, bands = context.industries[code], (0.3, 0.35, 0.25, 0.1)
            candidates = context.brands[category]
        brand = next((b for b in candidates if b not in used), None)
        if brand is None:
            break
        used.add(brand)
        name = f"{context.short_name}{brand}{word}有限公司"
        if claim_name(context, name):
            enterprises.append(_enterprise(context, rng, index + 1, name, industry, bands))
    return enterprises


def _enterprise(
    context: PlanContext,
    rng: random.Random,
    number: int,
    name: str,
    industry: Industry,
    bands: tuple[float, ...],
) -> OrganizationPlan:
    low, high = rng.choices(((8, 19), (20, 49), (50, 299), (300, 1500)), weights=bands)[0]
    region = rng.choice(context.districts)
    return OrganizationPlan(
        key=f"ent{number:02d}",
        name=name,
        org_type=OrganizationType.ENTERPRISE,
        region=region,
        credit_code=unique_credit_code(context, rng, "91", region),
        industry=industry,
        employee_count=rng.randint(low, high),
        is_verified=rng.random() < 0.8,
        address=address(rng, region),
        description=(
            f"演示数据：虚构企业，主营{industry.name}。字号取自公开招聘样本，"
            "与同名真实企业无关，信用代码等信息均为虚构。"
        ),
    )


def _other_organizations(context: PlanContext, rng: random.Random) -> list[OrganizationPlan]:
    """Two industry associations, one research institute and one training provider."""
    plans: list[OrganizationPlan] = []
    for org_type, candidates, wanted in _other_candidates(context, rng):
        label = OrganizationType(org_type).label
        chosen = [(n, i) for n, i in candidates if n not in context.taken_names][:wanted]
        for number, (name, industry) in enumerate(chosen, start=1):
            claim_name(context, name)
            is_citywide = org_type == OrganizationType.ASSOCIATION
            region = context.locality.region if is_citywide else rng.choice(context.districts)
            code = unique_credit_code(context, rng, _CREDIT_PREFIX[org_type], region)
            plans.append(
                OrganizationPlan(
                    key=_KEY_PREFIX[org_type] + f"{number:02d}",
                    name=name,
                    org_type=org_type,
                    region=region,
                    credit_code=code,
                    industry=industry,
                    address=address(rng, region),
                    description=f"演示数据：虚构的{label}，仅用于演示。",
                )
            )
    return plans


def _other_candidates(
    context: PlanContext, rng: random.Random
) -> list[tuple[str, list[tuple[str, Industry | None]], int]]:
    """Candidate names (best first) and industries per type, with how many to create."""
    prefix = context.locality.name
    keys = context.key_industries
    associations: list[tuple[str, Industry | None]] = [
        (f"{prefix}{k.word}行业协会", rng.choice(k.leaves)) for k in keys[:2]
    ]
    associations += [(f"{prefix}职业教育协会", None), (f"{prefix}产教融合促进会", None)]
    research: list[tuple[str, Industry | None]] = [
        (f"{prefix}{k.word}产业研究院", rng.choice(k.leaves)) for k in keys[:1]
    ]
    research.append((f"{prefix}产业技术研究院", context.industries.get("7320")))
    training: list[tuple[str, Industry | None]] = [
        (f"{prefix}{brand}职业培训学校", context.industries.get("8391"))
        for brand in context.brands.get("教育/培训", [])[:5]
    ]
    return [
        (OrganizationType.ASSOCIATION, associations, 2),
        (OrganizationType.RESEARCH_INSTITUTE, research, 1),
        (OrganizationType.TRAINING_PROVIDER, training, 1),
    ]
