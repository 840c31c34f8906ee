"""Planning the demonstration items schools offer: graduates, training bases, services.

A handful of each, titled plainly after the school's real majors; enterprises add off-campus
training bases for the majors their jobs ask for.
"""

import random
from datetime import date
from typing import Any

from chanjiao.catalogs.models import Major, MajorLevel
from chanjiao.demo.services.context import SCHOOL_LEVELS, OrganizationPlan
from chanjiao.demo.services.listing_context import (
    Draft,
    ListingContext,
    ListingPlan,
    codes,
    finish,
    graduating_year,
    latest_majors,
    pick,
    school_education,
    schools,
    short_name,
)
from chanjiao.demo.services.majors import OFFERING_YEARS
from chanjiao.demo.services.plan_listing_projects import projects_plan
from chanjiao.listings.kinds import ListingKind
from chanjiao.organizations.models import OrganizationType

K = ListingKind
_BACHELOR_LEVELS = frozenset({MajorLevel.BACHELOR_VOCATIONAL, MajorLevel.UNDERGRADUATE})
_AVAILABILITY = (("available", "partly", "internship"), (6, 2, 2))


def offers_plan(context: ListingContext, rng: random.Random) -> list[ListingPlan]:
    """Plan graduates, training bases, services, cooperation, research, training and mentors."""
    plans = finish(context, rng, K.GRADUATES, _graduates(context, rng))
    plans += finish(context, rng, K.TRAINING_BASE, _training_bases(context, rng))
    plans += finish(context, rng, K.TECH_SERVICE, _tech_services(context, rng))
    return plans + projects_plan(context, rng)


def _graduates(context: ListingContext, rng: random.Random) -> list[Draft]:
    """One or two majors of each school: the class that graduates next, with its size."""
    year = graduating_year(context.today)
    drafts = []
    for school in schools(context):
        study = 4 if SCHOOL_LEVELS[school.org_type] in _BACHELOR_LEVELS else 3
        cohort = min(max(year - study, OFFERING_YEARS[0]), OFFERING_YEARS[-1])
        offered = [o for o in school.offerings if o.year == cohort]
        for _ in range(min(len(offered), rng.randint(1, 2))):
            offering = rng.choices(offered, weights=[o.planned_enrollment for o in offered])[0]
            offered.remove(offering)
            quantity = max(10, round(offering.planned_enrollment * rng.uniform(0.85, 0.97)))
            data = _graduates_input(context, school, offering.major, year, quantity)
            data["availability"] = rng.choices(*_AVAILABILITY)[0]
            drafts.append(Draft(school, data))
    return drafts


def _graduates_input(
    context: ListingContext, school: OrganizationPlan, major: Major, year: int, quantity: int
) -> dict[str, Any]:
    level = MajorLevel(SCHOOL_LEVELS[school.org_type]).label
    return {
        "title": f"{school.name} {major.name}专业毕业生（{year}届）",
        "description": f"{school.name}{major.name}专业（{level}）{year}届毕业生{quantity}人，"
        "欢迎用人单位联系学校招聘。",
        "region_code": school.region.code,
        "major_codes": [major.code],
        "education": school_education(school),
        "quantity": quantity,
        "graduation_year": year,
        "available_from": date(year, 7, 1),
        **context.contact(school),
    }


def _training_bases(context: ListingContext, rng: random.Random) -> list[Draft]:
    """Campus bases of some schools' majors, and off-campus bases of some enterprises."""
    drafts = [
        Draft(school, _campus_base(context, rng, school))
        for school in pick(rng, schools(context), 3, 5)
    ]
    employers = [
        e for e in context.of_types([OrganizationType.ENTERPRISE]) if context.enterprise_majors(e)
    ]
    drafts += [
        Draft(enterprise, _company_base(context, rng, enterprise))
        for enterprise in pick(rng, employers, 2, 4)
    ]
    return drafts


def _campus_base(
    context: ListingContext, rng: random.Random, school: OrganizationPlan
) -> dict[str, Any]:
    major = rng.choice(latest_majors(school)[:5])
    return {
        "title": f"{school.name}{major.name}实训基地",
        "description": f"校内实训基地，服务{major.name}等专业的实践教学，可承接企业员工培训。",
        "region_code": school.region.code,
        "major_codes": [major.code],
        "quantity": rng.randrange(40, 201, 10),
        "equipment": f"{major.name}专业实训室、实训工位及配套教学设备",
        "area_sqm": rng.randrange(300, 3001, 50),
        "base_type": "on_campus",
        **context.contact(school),
    }


def _company_base(
    context: ListingContext, rng: random.Random, enterprise: OrganizationPlan
) -> dict[str, Any]:
    industry = enterprise.industry
    return {
        "title": f"{short_name(enterprise, context.locality)} 校外实训基地",
        "description": f"依托{enterprise.name}的生产经营场所，接收职业院校学生跟岗和顶岗实习。",
        "region_code": enterprise.region.code,
        "major_codes": codes(context.enterprise_majors(enterprise)),
        "industry_code": industry.code if industry else "",
        "quantity": rng.randrange(20, 81, 5),
        "equipment": f"{industry.name if industry else '生产经营'}场所及设备",
        "base_type": rng.choice(("off_campus", "joint")),
        **context.contact(enterprise),
    }


def _tech_services(context: ListingContext, rng: random.Random) -> list[Draft]:
    """Services some schools offer with a major's staff and equipment; the institutes' too."""
    drafts = [
        Draft(school, _school_service(context, rng, school))
        for school in pick(rng, schools(context), 4, 6)
    ]
    for institute in context.of_types([OrganizationType.RESEARCH_INSTITUTE]):
        industry = institute.industry
        field = industry.name if industry else "产业"
        drafts.append(
            Draft(
                institute,
                {
                    "title": f"{institute.name}{field}技术咨询服务",
                    "description": f"面向{context.locality.name}企业提供{field}领域的技术咨询、"
                    "检验检测和工艺改进服务。",
                    "region_code": institute.region.code,
                    "industry_code": industry.code if industry else "",
                    "service_type": rng.choice(("consulting", "testing")),
                    "charging": "按服务项目协商收费",
                    **context.contact(institute),
                },
            )
        )
    return drafts


def _school_service(
    context: ListingContext, rng: random.Random, school: OrganizationPlan
) -> dict[str, Any]:
    major = rng.choice(latest_majors(school)[:5])
    return {
        "title": f"{school.name}{major.name}专业技术服务",
        "description": f"依托{major.name}专业教学团队和实训设备，为企业提供技术咨询和技术服务。",
        "region_code": school.region.code,
        "major_codes": [major.code],
        "service_type": rng.choice(("technical_service", "testing", "consulting")),
        "equipment": f"{major.name}专业教学团队、实训室设备",
        "charging": "按服务项目协商收费",
        **context.contact(school),
    }
