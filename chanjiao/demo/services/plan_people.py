"""Planning the demonstration people: the platform administrators, organisation staff, students."""

import random
import re
from datetime import UTC, datetime, timedelta

from chanjiao.accounts.models import Role
from chanjiao.catalogs.models import Major, MajorLevel
from chanjiao.demo.services import identity
from chanjiao.demo.services.context import (
    GRADUATION_YEARS,
    PLATFORM_LAUNCH,
    SCHOOL_LEVELS,
    OrganizationPlan,
    PersonPlan,
    PlanContext,
)
from chanjiao.demo.services.majors import OFFERING_YEARS
from chanjiao.demo.services.samples import GENERAL_POOL, skill_pools
from chanjiao.demo.services.scope import PLATFORM_ACCOUNTS
from chanjiao.organizations.models import SCHOOL_TYPES, OrganizationType

# (years of study, age at enrolment)
_STUDY = {MajorLevel.SECONDARY: (3, 15), MajorLevel.HIGHER: (3, 18)}
_BACHELOR_STUDY = (4, 18)
# Words of a major's name, 专业类 or 大类 → the posting category whose tags become its skills;
# the first rule that matches wins, so the specific fields come before the broad ones.
_SKILL_CATEGORIES = (
    ("计算机|软件|电子与信息|电子信息|通信|大数据|人工智能|物联网|网络|云计算", "计算机/互联网"),
    ("财务|会计|金融|财经|经济|统计|审计|税|保险|证券", "金融/会计"),
    ("电子商务|市场营销|工商管理|商贸|营销|连锁|直播", "销售/市场"),
    ("能源|光伏|风电|汽车", "新能源"),
    ("机械|机电|数控|模具|焊接|制造|装备|机器人|加工|安全|环境|检测", "机械/制造"),
    ("电气|电力|自动化|电子|电工|供用电", "电气/自动化"),
    ("新闻传播|文化艺术|艺术|设计|传媒|戏剧|美术|音乐|动漫|影视|播音|摄影", "传媒/设计"),
    ("交通运输|物流|运输|航运|铁道|铁路|轨道|港口", "物流/运输"),
    ("土木建筑|建筑|土木|测绘|测量|水利|工程造价|道路|桥梁", "建筑/土木"),
    ("医药卫生|医学|护理|药|健康|康复|卫生|养老", "医学/医疗"),
    ("教育与体育|教育|体育|语言|外语|英语|汉语|外国语", "教育/培训"),
    ("化工|化学|材料", "化工/日化"),
    ("旅游|旅行|酒店|餐饮|烹饪", "餐饮/服务"),
    ("公安|司法|法律|法学", "法律/合规"),
    ("公共管理|人力资源|行政|文秘|管理", "行政/人事"),
)
_MIN_SKILL_POOL = 6
# Titles and licences that take years of work; a student or new graduate does not hold them.
_SENIOR_QUALIFICATION = re.compile(
    r"注册|一级|二级|中级|高级|正高|一线|重点学校|CPA|执业|工程师|医师|老师$|教师$"
)
_STAFF_ROLES: dict[str, tuple[tuple[Role, str], ...]] = {
    OrganizationType.GOVERNMENT: ((Role.GOV_ADMIN, "admin"),),
    OrganizationType.ENTERPRISE: ((Role.ORG_ADMIN, "admin"), (Role.INFO_OFFICER, "info")),
}
_SCHOOL_ROLES = ((Role.ORG_ADMIN, "admin"), (Role.INFO_OFFICER, "info"), (Role.REVIEWER, "review"))
_OTHER_ROLES = ((Role.ORG_ADMIN, "admin"),)


def people_plan(
    context: PlanContext, rng: random.Random, organizations: list[OrganizationPlan]
) -> list[PersonPlan]:
    """Plan the platform admin, each organisation's staff and the students of the schools."""
    people = _platform_admins()
    people += _staff(context, rng, organizations)
    people += _students(context, rng, [o for o in organizations if o.offerings])
    return people


def _platform_admins() -> list[PersonPlan]:
    """The three administrators of 三员分立 (system, security, audit); none is a superuser."""
    return [
        PersonPlan(
            username=username,
            real_name=f"演示{role.label}",
            phone="",
            id_number="",
            date_joined=PLATFORM_LAUNCH,
            admin_role=role.value,
        )
        for username, role in PLATFORM_ACCOUNTS.items()
    ]


def _staff(
    context: PlanContext, rng: random.Random, organizations: list[OrganizationPlan]
) -> list[PersonPlan]:
    people = []
    for organization in organizations:
        roles = _STAFF_ROLES.get(organization.org_type) or (
            _SCHOOL_ROLES if organization.org_type in SCHOOL_TYPES else _OTHER_ROLES
        )
        for role, suffix in roles:
            username = (
                f"{context.username_prefix}{organization.key}"
                if organization.org_type == OrganizationType.GOVERNMENT
                else f"{context.username_prefix}{organization.key}_{suffix}"
            )
            person = _person(
                context,
                rng,
                username=username,
                birth_year=rng.randint(1968, 1998),
                joined=PLATFORM_LAUNCH + timedelta(days=rng.randrange(90)),
            )
            person.organization_key, person.role = organization.key, role
            people.append(person)
    return people


def _person(
    context: PlanContext, rng: random.Random, *, username: str, birth_year: int, joined: datetime
) -> PersonPlan:
    is_male = rng.random() < 0.5
    home = rng.choice(context.districts)
    return PersonPlan(
        username=username,
        real_name=identity.person_name(rng, is_male=is_male),
        phone=identity.phone_number(rng),
        id_number=identity.id_number(
            rng, region_code=home.code, birth_year=birth_year, is_male=is_male
        ),
        date_joined=joined,
    )


def _students(
    context: PlanContext, rng: random.Random, schools: list[OrganizationPlan]
) -> list[PersonPlan]:
    if not schools:
        return []
    sizes = [sum(o.planned_enrollment for o in s.offerings) for s in schools]
    pools = skill_pools()
    students = []
    for number in range(1, rng.randint(280, 340) + 1):
        school = rng.choices(schools, weights=sizes)[0]
        students.append(_student(context, rng, number=number, school=school, pools=pools))
    return students


def _student(
    context: PlanContext,
    rng: random.Random,
    *,
    number: int,
    school: OrganizationPlan,
    pools: dict[str, tuple[str, ...]],
) -> PersonPlan:
    """A student of the school, in a major it offered when they enrolled."""
    graduation_year = rng.choice(GRADUATION_YEARS)
    years, age = _STUDY.get(SCHOOL_LEVELS[school.org_type], _BACHELOR_STUDY)
    enrolled = graduation_year - years
    offered_year = min(max(enrolled, OFFERING_YEARS[0]), OFFERING_YEARS[-1])
    offered = [o for o in school.offerings if o.year == offered_year]
    major = rng.choices(offered, weights=[o.planned_enrollment for o in offered])[0].major
    joined = datetime(max(enrolled, OFFERING_YEARS[0]), 9, 1, 1, 0, tzinfo=UTC)
    person = _person(
        context,
        rng,
        username=f"{context.username_prefix}stu{number:04d}",
        birth_year=enrolled - age - (1 if rng.random() < 0.2 else 0),
        joined=joined + timedelta(days=rng.randrange(30)),
    )
    person.school_key, person.major, person.graduation_year = school.key, major, graduation_year
    person.skills = "、".join(_skills(rng, pools, major, graduate=person.is_graduate))
    return person


def _skills(
    rng: random.Random, pools: dict[str, tuple[str, ...]], major: Major, *, graduate: bool
) -> list[str]:
    """Two to five skills of the major's field, sometimes one general skill more."""
    general = list(pools.get(GENERAL_POOL, ()))
    category = _skill_category(major)
    pool = [s for s in pools.get(category or "", ()) if not _SENIOR_QUALIFICATION.search(s)][:30]
    if len(pool) < _MIN_SKILL_POOL:
        pool += [s for s in general if s not in pool]
    count = min(len(pool), rng.randint(2, 4) + (1 if graduate else 0))
    chosen = rng.sample(pool, count)
    extra = [s for s in general if s not in chosen]
    if extra and rng.random() < 0.4:
        chosen.append(rng.choice(extra))
    return chosen


def _skill_category(major: Major) -> str | None:
    """The posting category of the major's name, else of its 专业类, else of its 大类."""
    texts = [major.name] + [g.name for g in (major.major_class, major.category) if g is not None]
    for text in texts:
        for pattern, category in _SKILL_CATEGORIES:
            if re.search(pattern, text):
                return category
    return None
