"""Planning the demonstration supply and demand items (供需信息) of the locality.

Jobs and internships are real postings of the sample (title, skills, pay, education, experience)
offered by the demonstration enterprises, each with the 职业分类大典 occupation its title names;
job seekers are demonstration students; the other kinds come from the organisations' real majors
and industries (``plan_listing_offers``). Every value is form input, checked before it is written.
"""

import math
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from chanjiao.catalogs.models import Major, MajorLevel, Occupation, Region
from chanjiao.demo.services.context import SCHOOL_LEVELS, OrganizationPlan, PersonPlan
from chanjiao.demo.services.listing_context import (
    Draft,
    ListingContext,
    ListingPlan,
    after,
    finish,
    graduating_year,
    place,
    school_education,
)
from chanjiao.demo.services.plan_listing_offers import offers_plan
from chanjiao.demo.services.plan_organizations import CATEGORY_INDUSTRIES
from chanjiao.demo.services.samples import (
    WORKING_DAYS_PER_MONTH,
    JobSeeker,
    Posting,
    job_seekers,
)
from chanjiao.listings.kinds import Education, ListingKind
from chanjiao.organizations.models import OrganizationType

_JOBS = 150
_INTERNSHIPS = 40
_JOBSEEKERS = 40
_EXPIRED_JOBS = 2
# Posting categories any enterprise hires in; an enterprise of a thin category draws on them too.
_GENERAL_CATEGORIES = (
    "机械/制造",
    "电气/自动化",
    "物流/运输",
    "销售/市场",
    "金融/会计",
    "行政/人事",
)
_MIN_POOL = 12
# Pay above this is a senior post in a big city, not what a local vocational platform shows.
_MAX_MONTHLY_PAY = 30000
# The industry each posting category's enterprises were given (plan_organizations), reversed.
_INDUSTRY_CATEGORY = {code: category for category, (code, _) in CATEGORY_INDUSTRIES.items()}
# Education an entry-level posting asks for when it makes an internship.
_ENTRY_EDUCATION = frozenset({Education.NONE, Education.SECONDARY, Education.ASSOCIATE})
# Majors for which the job-seeker sample (data analysts, programmers) fits.
_SAMPLE_FIT = re.compile("数据|统计|计算机|软件|信息|网络|人工智能|电子商务")
_MAX_SKILLS = 6

_Pools = dict[str, list[tuple[Posting, Occupation]]]


def listings_plan(context: ListingContext, rng: random.Random) -> list[ListingPlan]:
    """Plan the items of every kind, in a fixed order (each kind numbered from 1)."""
    used: set[int] = set()
    plans = _jobs(context, rng, used)
    plans += _internships(context, rng, used)
    plans += _jobseekers(context, rng)
    plans += offers_plan(context, rng)
    return plans


def _pools(context: ListingContext) -> _Pools:
    """The postings with an occupation, by posting category."""
    pools: _Pools = {}
    for posting, occupation in context.postings:
        pools.setdefault(posting.category, []).append((posting, occupation))
    return pools


def _own_category(enterprise: OrganizationPlan) -> str | None:
    """The posting category of the enterprise's industry (计算机/互联网 for 应用软件开发)."""
    return _INDUSTRY_CATEGORY.get(enterprise.industry.code) if enterprise.industry else None


def _categories(enterprise: OrganizationPlan, pools: _Pools) -> list[str]:
    """The posting categories an enterprise hires in: its own, else or also the general ones."""
    own = _own_category(enterprise)
    if own and len(pools.get(own, [])) >= _MIN_POOL:
        return [own]
    return [own, *_GENERAL_CATEGORIES] if own else list(_GENERAL_CATEGORIES)


def _jobs(context: ListingContext, rng: random.Random, used: set[int]) -> list[ListingPlan]:
    """About 150 postings, at least one per enterprise and more at the larger ones."""
    enterprises = context.of_types([OrganizationType.ENTERPRISE])
    if not enterprises:
        return []
    pools = _pools(context)
    weights = [math.sqrt(e.employee_count or 1) for e in enterprises]
    extra = Counter(
        rng.choices(range(len(enterprises)), weights=weights, k=max(_JOBS - len(enterprises), 0))
    )
    drafts = []
    for index, enterprise in enumerate(enterprises):
        pool = _job_pool(enterprise, pools, used)
        chosen = rng.sample(pool, min(len(pool), 1 + extra[index]))
        own = _own_category(enterprise)
        context.hiring[enterprise.key] = [
            o for p, o in sorted(chosen, key=lambda c: c[0].category != own)
        ]
        for posting, occupation in chosen:
            used.add(posting.number)
            data = _job_input(context, rng, enterprise, posting, occupation)
            drafts.append(Draft(enterprise, data))
    return finish(context, rng, ListingKind.JOB, drafts, expired=_EXPIRED_JOBS)


def _job_pool(
    enterprise: OrganizationPlan, pools: _Pools, used: set[int]
) -> list[tuple[Posting, Occupation]]:
    """Unused monthly-paid postings of the enterprise's categories, internships aside."""
    return [
        (posting, occupation)
        for category in _categories(enterprise, pools)
        for posting, occupation in pools.get(category, [])
        if posting.number not in used
        and posting.salary_min is not None
        and "实习" not in posting.title
        and (posting.salary_max or 0) <= _MAX_MONTHLY_PAY
    ]


def _job_input(
    context: ListingContext,
    rng: random.Random,
    enterprise: OrganizationPlan,
    posting: Posting,
    occupation: Occupation,
) -> dict[str, object]:
    quantity = rng.randint(1, max(1, min(10, (enterprise.employee_count or 0) // 30)))
    benefits = [
        *posting.benefits,
        *([f"{posting.salary_months}薪"] if posting.salary_months else []),
    ]
    skills = "、".join(posting.skills[:8])
    return {
        "title": posting.title,
        "description": _job_description(context, enterprise.region, posting, quantity, skills),
        "region_code": enterprise.region.code,
        "occupation_code": occupation.code,
        "education": posting.education,
        "experience_years": posting.experience_years,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "quantity": quantity,
        "skills": skills,
        "major_codes": [m.code for m in context.majors_for(occupation, posting.education)],
        "employment_type": "part_time" if posting.is_part_time else "full_time",
        "benefits": "、".join(benefits),
        **context.contact(enterprise),
    }


def _job_description(
    context: ListingContext, region: Region, posting: Posting, quantity: int, skills: str
) -> str:
    years = posting.experience_years
    experience = "不限" if years is None else "应届毕业生可投" if years == 0 else f"{years}年以上"
    lines = [
        f"招聘{posting.title}{quantity}人，工作地点：{place(context, region)}。",
        f"学历要求：{Education(posting.education).label}；工作经验：{experience}。",
    ]
    if skills:
        lines.append(f"技能要求：{skills}。")
    lines.append("演示数据：岗位名称、技能要求和薪酬取自公开招聘样本，招聘单位为虚构企业。")
    return "\n".join(lines)


def _internships(context: ListingContext, rng: random.Random, used: set[int]) -> list[ListingPlan]:
    enterprises = context.of_types([OrganizationType.ENTERPRISE])
    pools = _pools(context)
    drafts = []
    for posting, occupation in _internship_postings(context, rng, used) if enterprises else []:
        used.add(posting.number)
        hiring = [e for e in enterprises if posting.category in _categories(e, pools)]
        enterprise = rng.choice(hiring or enterprises)
        drafts.append(
            Draft(enterprise, _internship_input(context, rng, enterprise, posting, occupation))
        )
    plans = finish(context, rng, ListingKind.INTERNSHIP, drafts)
    for plan in plans:
        start = after(plan.data["valid_until"], rng, 5, 20)
        plan.data.update(period_start=start, period_end=after(start, rng, 60, 180))
    return plans


def _internship_postings(
    context: ListingContext, rng: random.Random, used: set[int]
) -> list[tuple[Posting, Occupation]]:
    """Internship and graduate postings first, then entry-level ones, all with taught majors."""
    taught = [
        (posting, occupation)
        for posting, occupation in context.postings
        if posting.number not in used and context.majors_for(occupation)
    ]
    trainee = [item for item in taught if item[0].is_trainee]
    entry = [
        item
        for item in taught
        if not item[0].is_trainee
        and item[0].experience_years in (None, 0)
        and item[0].education in _ENTRY_EDUCATION
    ]
    chosen = rng.sample(trainee, min(len(trainee), _INTERNSHIPS))
    return chosen + rng.sample(entry, min(len(entry), _INTERNSHIPS - len(chosen)))


def _internship_input(
    context: ListingContext,
    rng: random.Random,
    enterprise: OrganizationPlan,
    posting: Posting,
    occupation: Occupation,
) -> dict[str, object]:
    if posting.daily_pay:
        pay = round(posting.daily_pay[0] * WORKING_DAYS_PER_MONTH, -1)
    else:
        pay = posting.salary_min or 0
    title = posting.title if "实习" in posting.title else f"{posting.title}（实习）"
    skills = "、".join(posting.skills[:8])
    description = [f"{title}，实习地点：{place(context, enterprise.region)}。"]
    if skills:
        description.append(f"技能要求：{skills}。")
    description.append("演示数据：岗位名称、技能要求和报酬取自公开招聘样本，招聘单位为虚构企业。")
    return {
        "title": title,
        "description": "\n".join(description),
        "region_code": enterprise.region.code,
        "major_codes": [m.code for m in context.majors_for(occupation, posting.education)],
        "occupation_code": occupation.code,
        "education": posting.education,
        "quantity": rng.randint(2, 10),
        "skills": skills,
        "monthly_pay": int(pay),
        "accommodation": any(re.search("住|宿舍", b) for b in posting.benefits),
        "insurance": True,
        **context.contact(enterprise),
    }


@dataclass(frozen=True)
class _Student:
    person: PersonPlan
    school: OrganizationPlan
    major: Major
    year: int


def _jobseekers(context: ListingContext, rng: random.Random) -> list[ListingPlan]:
    """Profiles of students who graduate this year or graduated in the two years before."""
    schools = {o.key: o for o in context.organizations}
    students = [
        _Student(p, schools[p.school_key], p.major, p.graduation_year)
        for p in context.people
        if p.school_key and p.major and p.graduation_year
    ]
    year = graduating_year(context.today)
    recent = [s for s in students if year - 2 <= s.year <= year] or students
    chosen = sorted(
        rng.sample(recent, min(len(recent), _JOBSEEKERS)), key=lambda s: s.person.username
    )
    seekers = job_seekers()
    pays = _usual_pays(context)
    return finish(
        context,
        rng,
        ListingKind.JOBSEEKER,
        [Draft(None, _jobseeker_input(context, rng, s, seekers, pays), s.person) for s in chosen],
    )


def _jobseeker_input(
    context: ListingContext,
    rng: random.Random,
    student: _Student,
    seekers: tuple[JobSeeker, ...],
    pays: dict[int, int],
) -> dict[str, object]:
    major = student.major
    occupations = context.major_occupations.get(major.pk, [])
    occupation = rng.choice(occupations) if occupations else None
    skills = [s for s in student.person.skills.split("、") if s]
    salary = pays.get(occupation.pk) if occupation else None
    if seekers and _SAMPLE_FIT.search(major.name):
        seeker = rng.choice(seekers)
        salary = seeker.min_wage
        skills += [s for s in seeker.skills if s not in skills]
    skills = skills[:_MAX_SKILLS]
    region = rng.choice([context.locality.region, student.school.region])
    wanted = occupation.name if occupation else f"{major.name}专业相关岗位"
    description = f"{MajorLevel(major.level).label}{major.name}专业，{student.year}届毕业生。"
    if skills:
        description += f"掌握{'、'.join(skills)}。"
    description += f"希望在{place(context, region)}从事{wanted}工作。"
    return {
        "title": f"求职：{wanted}",
        "description": description,
        "region_code": region.code,
        "major_codes": [major.code],
        "education": school_education(student.school),
        "occupation_code": occupation.code if occupation else "",
        "salary_min": salary,
        "skills": "、".join(skills),
        "graduation_year": student.year,
        "resume": _resume(student, skills, wanted, place(context, region)),
    }


def _usual_pays(context: ListingContext) -> dict[int, int]:
    """Each occupation's median lowest pay in the sample's postings, to the 500 yuan."""
    pays: dict[int, list[int]] = {}
    for posting, occupation in context.postings:
        if posting.salary_min:
            pays.setdefault(occupation.pk, []).append(posting.salary_min)
    return {pk: round(statistics.median(low) / 500) * 500 for pk, low in pays.items()}


def _resume(student: _Student, skills: list[str], wanted: str, where: str) -> str:
    """A plain resume built from the student's school, major and year; no personal details."""
    level = SCHOOL_LEVELS[student.school.org_type]
    years = 3 if level in (MajorLevel.SECONDARY, MajorLevel.HIGHER) else 4
    return "\n".join(
        [
            "教育经历",
            f"{student.year - years}年9月—{student.year}年6月　{student.school.name}　"
            f"{student.major.name}专业（{MajorLevel(level).label}）",
            "专业技能",
            "、".join(skills) or "见所学专业课程",
            "求职意向",
            f"{wanted}；期望工作地区：{where}",
            "（演示数据：简历由系统按学校、专业和毕业年份生成，不含真实个人信息。）",
        ]
    )
