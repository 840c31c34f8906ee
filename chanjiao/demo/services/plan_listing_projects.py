"""Planning the demonstration items between schools and enterprises: cooperation, research,
training and mentors.

Enterprises ask after their real industry and the occupations of their planned jobs; schools
offer after their real majors and the occupations the majors' teaching standards prepare for.
"""

import random
from typing import Any

from chanjiao.catalogs.models import MajorLevel, Occupation
from chanjiao.demo.services.context import SCHOOL_LEVELS, OrganizationPlan
from chanjiao.demo.services.listing_context import (
    Draft,
    ListingContext,
    ListingPlan,
    codes,
    finish,
    latest_majors,
    pick,
    schools,
    short_name,
    trade,
)
from chanjiao.listings.kinds import COOPERATION_TYPES, ListingKind
from chanjiao.organizations.models import SCHOOL_TYPES, OrganizationType

K = ListingKind
_COOPERATION_LABELS = dict(COOPERATION_TYPES)
_COOPERATION_DEMANDS = {
    "order_training": ("订单班合作需求", "提供订单班奖学金、实习岗位和毕业后就业岗位"),
    "apprenticeship": ("现代学徒制合作需求", "提供企业师傅、轮岗实训岗位和学徒津贴"),
    "teacher_practice": ("教师企业实践岗位", "提供企业实践岗位和技术骨干指导"),
    "training_base": ("共建实训基地合作需求", "提供生产设备、场地和技术人员"),
}
# GB/T 4754 门类 whose enterprises ask for research: farming, mining, manufacturing, energy,
# construction, software and IT, research and technical services.
_RESEARCH_SECTIONS = frozenset("ABCDEIM")
_BACHELOR_LEVELS = frozenset({MajorLevel.BACHELOR_VOCATIONAL, MajorLevel.UNDERGRADUATE})


def projects_plan(context: ListingContext, rng: random.Random) -> list[ListingPlan]:
    """Plan cooperation, research, training and mentor items, demands before offers."""
    plans = finish(context, rng, K.COOPERATION, _cooperation(context, rng))
    plans += finish(context, rng, K.RND, _research(context, rng))
    plans += finish(context, rng, K.TRAINING, _training(context, rng))
    return plans + finish(context, rng, K.MENTOR, _mentors(context, rng))


def _enterprises(context: ListingContext) -> list[OrganizationPlan]:
    return context.of_types([OrganizationType.ENTERPRISE])


def _hiring(context: ListingContext) -> list[OrganizationPlan]:
    """Enterprises with planned jobs."""
    return [e for e in _enterprises(context) if context.hiring.get(e.key)]


def _cooperation(context: ListingContext, rng: random.Random) -> list[Draft]:
    drafts = []
    employers = [e for e in _enterprises(context) if context.enterprise_majors(e)]
    for enterprise in pick(rng, employers, 4, 8):
        drafts.append(Draft(enterprise, _cooperation_demand(context, rng, enterprise)))
    for school in pick(rng, schools(context), 2, 4):
        major = rng.choice(latest_majors(school)[:5])
        kind = rng.choice(("order_training", "apprenticeship"))
        label = _COOPERATION_LABELS[kind]
        drafts.append(
            Draft(
                school,
                {
                    "title": f"{school.name}{major.name}专业校企合作（{label}）",
                    "description": f"{school.name}{major.name}专业寻求合作企业，共同开展{label}。",
                    "direction": "supply",
                    "region_code": school.region.code,
                    "major_codes": [major.code],
                    "quantity": rng.randint(20, 45),
                    "cooperation_type": kind,
                    "duration_months": rng.choice((24, 36)),
                    "resources": "提供专业教师、实训场地和课程资源",
                    **context.contact(school),
                },
            )
        )
    return drafts


def _cooperation_demand(
    context: ListingContext, rng: random.Random, enterprise: OrganizationPlan
) -> dict[str, Any]:
    kind = rng.choice(sorted(_COOPERATION_DEMANDS))
    label, resources = _COOPERATION_DEMANDS[kind]
    majors = context.enterprise_majors(enterprise)
    names = "、".join(m.name for m in majors[:3])
    industry = enterprise.industry
    return {
        "title": f"{short_name(enterprise, context.locality)} {label}",
        "description": f"{enterprise.name}主营{industry.name if industry else '业务'}，"
        f"希望与职业院校{names}等专业开展{_COOPERATION_LABELS[kind]}合作。",
        "direction": "demand",
        "region_code": enterprise.region.code,
        "industry_code": industry.code if industry else "",
        "major_codes": codes(majors),
        "quantity": rng.randint(2, 5) if kind == "teacher_practice" else rng.randint(10, 40),
        "cooperation_type": kind,
        "duration_months": rng.choice((12, 24, 36)),
        "resources": resources,
        **context.contact(enterprise),
    }


def _research(context: ListingContext, rng: random.Random) -> list[Draft]:
    """Research needs of producing enterprises; abilities of institutes and universities."""
    researching = [
        e for e in _enterprises(context) if e.industry and e.industry.section in _RESEARCH_SECTIONS
    ]
    drafts = [
        Draft(enterprise, _research_demand(context, rng, enterprise))
        for enterprise in pick(rng, researching, 4, 7)
    ]
    bachelor = [s for s in schools(context) if SCHOOL_LEVELS[s.org_type] in _BACHELOR_LEVELS]
    for organization in context.of_types([OrganizationType.RESEARCH_INSTITUTE]) + bachelor[:2]:
        industry = organization.industry
        major = None if industry else rng.choice(latest_majors(organization)[:5])
        field = industry.name if industry else major.name if major else "产业技术"
        drafts.append(
            Draft(
                organization,
                {
                    "title": f"{organization.name}{field}研发能力",
                    "description": f"{organization.name}可在{field}领域承接联合研发、"
                    "技术攻关和成果转化。",
                    "direction": "supply",
                    "region_code": organization.region.code,
                    "industry_code": industry.code if industry else "",
                    "major_codes": [major.code] if major else [],
                    "technical_field": field,
                    "deliverables": "联合研发、技术攻关和成果转化",
                    **context.contact(organization),
                },
            )
        )
    return drafts


def _research_demand(
    context: ListingContext, rng: random.Random, enterprise: OrganizationPlan
) -> dict[str, Any]:
    industry = enterprise.industry
    field = industry.name if industry else "生产"
    return {
        "title": f"{short_name(enterprise, context.locality)} {field}技术研发需求",
        "description": f"{enterprise.name}寻求高校、科研院所合作，解决{field}中的工艺和技术问题。",
        "direction": "demand",
        "region_code": enterprise.region.code,
        "industry_code": industry.code if industry else "",
        "major_codes": codes(context.industry_majors(enterprise)),
        "technical_field": field,
        # Budgets end in 5: the form's JSON value writes a round 40 as "4E+1".
        "budget_wan": str(rng.randrange(5, 80, 10)),
        "deliverables": "技术方案、工艺改进及样品",
        **context.contact(enterprise),
    }


def _training(context: ListingContext, rng: random.Random) -> list[Draft]:
    """Courses of the training providers and some schools; enterprises' staff training needs."""
    drafts = []
    providers = context.of_types([OrganizationType.TRAINING_PROVIDER])
    for organization in providers + pick(rng, schools(context), 2, 4):
        occupation = _taught_occupation(context, rng, organization)
        if occupation is not None:
            drafts.append(Draft(organization, _course(context, rng, organization, occupation)))
    for enterprise in pick(rng, _hiring(context), 3, 5):
        occupation = rng.choice(context.hiring[enterprise.key][:2])
        drafts.append(Draft(enterprise, _staff_training(context, rng, enterprise, occupation)))
    return drafts


def _staff_training(
    context: ListingContext,
    rng: random.Random,
    enterprise: OrganizationPlan,
    occupation: Occupation,
) -> dict[str, Any]:
    field = trade(occupation)
    return {
        "title": f"{short_name(enterprise, context.locality)} 员工{field}技能提升培训需求",
        "description": f"{enterprise.name}计划为在岗员工开展{field}技能提升培训，"
        "欢迎培训机构和职业院校联系。",
        "direction": "demand",
        "region_code": enterprise.region.code,
        "occupation_code": occupation.code,
        "industry_code": enterprise.industry.code if enterprise.industry else "",
        "quantity": rng.randrange(10, 41, 5),
        "training_form": "custom",
        "hours": rng.choice((16, 24, 40)),
        **context.contact(enterprise),
    }


def _course(
    context: ListingContext,
    rng: random.Random,
    organization: OrganizationPlan,
    occupation: Occupation,
) -> dict[str, Any]:
    is_school = organization.org_type in SCHOOL_TYPES
    return {
        "title": f"{organization.name}{occupation.name}职业技能培训",
        "description": f"面向在职人员和社会人员开展{occupation.name}职业技能培训，理论与实操结合。",
        "direction": "supply",
        "region_code": organization.region.code,
        "occupation_code": occupation.code,
        "quantity": rng.randrange(20, 61, 5),
        "training_form": rng.choice(("course", "package")),
        "hours": rng.choice((40, 60, 80, 120)),
        "fee": 0 if is_school else rng.randrange(800, 3001, 100),
        **context.contact(organization),
    }


def _taught_occupation(
    context: ListingContext, rng: random.Random, organization: OrganizationPlan
) -> Occupation | None:
    """An occupation a school's majors prepare for; for others, one any local school's does."""
    teaching = [organization] if organization.offerings else schools(context)
    majors = [m for school in teaching for m in latest_majors(school)]
    occupations = [o for m in majors for o in context.major_occupations.get(m.pk, [])]
    return rng.choice(occupations) if occupations else None


def _mentors(context: ListingContext, rng: random.Random) -> list[Draft]:
    """Enterprises' staff offered as part-time teachers; schools' requests for mentors."""
    drafts = []
    for enterprise in pick(rng, _hiring(context), 3, 5):
        occupation = rng.choice(context.hiring[enterprise.key][:2])
        drafts.append(Draft(enterprise, _mentor_offer(context, rng, enterprise, occupation)))
    for school in pick(rng, schools(context), 3, 5):
        major = rng.choice(latest_majors(school)[:5])
        occupations = context.major_occupations.get(major.pk, [])
        drafts.append(
            Draft(
                school,
                {
                    "title": f"{school.name}聘请{major.name}专业产业导师",
                    "description": f"聘请企业技术骨干担任{major.name}专业兼职教师，"
                    "承担实践课程教学和实习指导。",
                    "direction": "demand",
                    "region_code": school.region.code,
                    "major_codes": [major.code],
                    "occupation_code": occupations[0].code if occupations else "",
                    "quantity": rng.randint(1, 4),
                    "expertise": major.name,
                    "hours_per_month": rng.choice((8, 12, 16)),
                    **context.contact(school),
                },
            )
        )
    return drafts


def _mentor_offer(
    context: ListingContext,
    rng: random.Random,
    enterprise: OrganizationPlan,
    occupation: Occupation,
) -> dict[str, Any]:
    field = trade(occupation)
    return {
        "title": f"{short_name(enterprise, context.locality)} {field}产业导师（兼职教师）",
        "description": f"{enterprise.name}推荐技术骨干到职业院校担任兼职教师，讲授{field}实务。",
        "direction": "supply",
        "region_code": enterprise.region.code,
        "industry_code": enterprise.industry.code if enterprise.industry else "",
        "occupation_code": occupation.code,
        "major_codes": codes(context.majors_for(occupation)),
        "quantity": rng.randint(1, 3),
        "expertise": field,
        "years_experience": rng.randint(5, 20),
        "hours_per_month": rng.choice((8, 12, 16)),
        **context.contact(enterprise),
    }
