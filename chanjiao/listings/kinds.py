"""The kinds of supply and demand information, declared once as data.

Every kind shares the ``Listing`` columns (title, region, occupation, majors, salary, quantity,
dates, …) and adds its own fields in ``Listing.details``. Forms, the API, imports, exports and
templates are all generated from these declarations, so a kind is added here and nowhere else.
"""

from dataclasses import dataclass, field
from typing import Literal

from django.db import models

from chanjiao.organizations.models import SCHOOL_TYPES, OrganizationType


class ListingKind(models.TextChoices):
    JOB = "job", "岗位需求"
    INTERNSHIP = "internship", "实习岗位"
    COOPERATION = "cooperation", "校企合作"
    RND = "rnd", "项目研发"
    TECH_SERVICE = "tech_service", "技术服务"
    TRAINING = "training", "培训"
    GRADUATES = "graduates", "毕业生资源"
    JOBSEEKER = "jobseeker", "个人求职档案"
    MENTOR = "mentor", "兼职教师/产业导师"
    TRAINING_BASE = "training_base", "实训基地"


class Direction(models.TextChoices):
    DEMAND = "demand", "需求"
    SUPPLY = "supply", "供给"


class Education(models.TextChoices):
    NONE = "none", "不限"
    JUNIOR_HIGH = "junior_high", "初中"
    SECONDARY = "secondary", "中专/中职/高中"
    ASSOCIATE = "associate", "大专"
    BACHELOR = "bachelor", "本科"
    MASTER = "master", "硕士"
    DOCTORATE = "doctorate", "博士"


FieldType = Literal["text", "longtext", "int", "decimal", "bool", "date", "choice", "url"]


@dataclass(frozen=True)
class DetailField:
    """A field a kind keeps in ``Listing.details``."""

    name: str
    label: str
    type: FieldType = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 200
    is_personal: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class CommonField:
    """How a kind uses one of the shared ``Listing`` columns."""

    required: bool = False
    label: str = ""


# The shared columns a kind may use, with their default labels.
COMMON_LABELS: dict[str, str] = {
    "region_code": "地区",
    "occupation_code": "职业",
    "industry_code": "行业",
    "major_codes": "专业",
    "education": "学历",
    "experience_years": "工作经验（年）",
    "salary_min": "薪酬下限（元/月）",
    "salary_max": "薪酬上限（元/月）",
    "quantity": "数量",
    "skills": "技能要求",
    "valid_from": "有效期起",
    "valid_until": "有效期止",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
}

EMPLOYER_TYPES = frozenset(
    {
        OrganizationType.ENTERPRISE,
        OrganizationType.RESEARCH_INSTITUTE,
        OrganizationType.ASSOCIATION,
        OrganizationType.TRAINING_PROVIDER,
    }
)
NON_GOVERNMENT_TYPES = frozenset(OrganizationType) - {OrganizationType.GOVERNMENT}


@dataclass(frozen=True)
class KindSpec:
    kind: ListingKind
    title_label: str
    directions: tuple[Direction, ...]
    org_types: frozenset[str]
    common: dict[str, CommonField]
    details: tuple[DetailField, ...] = ()
    is_personal: bool = False
    industry_from_employer: bool = False
    max_majors: int = 20
    description_label: str = "详细说明"
    help: str = ""
    direction_labels: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.kind.label)

    def common_label(self, name: str) -> str:
        spec = self.common.get(name)
        return (spec.label if spec and spec.label else "") or COMMON_LABELS[name]

    def direction_label(self, direction: str) -> str:
        return self.direction_labels.get(direction) or str(Direction(direction).label)

    def detail(self, name: str) -> DetailField | None:
        return next((d for d in self.details if d.name == name), None)


def _req(label: str = "") -> CommonField:
    return CommonField(required=True, label=label)


def _opt(label: str = "") -> CommonField:
    return CommonField(required=False, label=label)


_CONTACT = {"contact_name": _opt(), "contact_phone": _opt()}
_DATES = {"valid_from": _opt(), "valid_until": _opt()}

COOPERATION_TYPES = (
    ("order_training", "订单培养"),
    ("apprenticeship", "现代学徒制"),
    ("training_base", "共建实训基地/产业学院"),
    ("tech_research", "技术攻关"),
    ("teacher_practice", "教师企业实践"),
    ("other", "其他"),
)

KINDS: dict[str, KindSpec] = {
    spec.kind.value: spec
    for spec in (
        KindSpec(
            kind=ListingKind.JOB,
            title_label="岗位名称",
            directions=(Direction.DEMAND,),
            org_types=EMPLOYER_TYPES,
            industry_from_employer=True,
            common={
                "region_code": _req("工作地点"),
                "occupation_code": _opt(),
                "education": _req("学历要求"),
                "experience_years": _opt(),
                "salary_min": _req(),
                "salary_max": _req(),
                "quantity": _req("招聘人数"),
                "skills": _opt(),
                "valid_from": _req(),
                "valid_until": _req(),
                "major_codes": _opt("专业要求"),
                **_CONTACT,
            },
            details=(
                DetailField(
                    "employment_type",
                    "用工形式",
                    "choice",
                    required=True,
                    choices=(
                        ("full_time", "全职"),
                        ("part_time", "兼职"),
                        ("flexible", "灵活用工"),
                    ),
                ),
                DetailField("benefits", "福利待遇", max_length=500),
            ),
            description_label="岗位职责与任职要求",
        ),
        KindSpec(
            kind=ListingKind.INTERNSHIP,
            title_label="实习岗位名称",
            directions=(Direction.DEMAND,),
            org_types=EMPLOYER_TYPES,
            industry_from_employer=True,
            common={
                "region_code": _req("实习地点"),
                "major_codes": _req("面向专业"),
                "occupation_code": _opt(),
                "education": _opt("学历要求"),
                "quantity": _req("实习名额"),
                "skills": _opt(),
                "valid_from": _req("报名开始"),
                "valid_until": _req("报名截止"),
                **_CONTACT,
            },
            details=(
                DetailField("period_start", "实习开始日期", "date", required=True),
                DetailField("period_end", "实习结束日期", "date", required=True),
                DetailField(
                    "monthly_pay", "实习报酬（元/月）", "int", min_value=0, max_value=100000
                ),
                DetailField("accommodation", "提供住宿", "bool"),
                DetailField("insurance", "提供实习责任保险", "bool"),
                DetailField("agreement_template", "实习协议模板", "url", max_length=500),
            ),
        ),
        KindSpec(
            kind=ListingKind.COOPERATION,
            title_label="合作项目名称",
            directions=(Direction.DEMAND, Direction.SUPPLY),
            org_types=EMPLOYER_TYPES | SCHOOL_TYPES,
            direction_labels={"demand": "合作需求", "supply": "合作意向/项目"},
            common={
                "region_code": _req(),
                "industry_code": _opt(),
                "major_codes": _opt("相关专业"),
                "quantity": _opt("培养/参与人数"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField(
                    "cooperation_type",
                    "合作方式",
                    "choice",
                    required=True,
                    choices=COOPERATION_TYPES,
                ),
                DetailField("duration_months", "合作期限（月）", "int", min_value=1, max_value=240),
                DetailField("resources", "可投入资源", max_length=500),
            ),
        ),
        KindSpec(
            kind=ListingKind.RND,
            title_label="研发项目名称",
            directions=(Direction.DEMAND, Direction.SUPPLY),
            org_types=NON_GOVERNMENT_TYPES,
            direction_labels={"demand": "研发需求", "supply": "研发成果/能力"},
            common={
                "region_code": _req(),
                "industry_code": _opt(),
                "major_codes": _opt("相关学科专业"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField("technical_field", "技术领域", required=True),
                DetailField(
                    "budget_wan", "经费（万元）", "decimal", min_value=0, max_value=1_000_000
                ),
                DetailField("deliverables", "预期成果", max_length=500),
            ),
        ),
        KindSpec(
            kind=ListingKind.TECH_SERVICE,
            title_label="服务名称",
            directions=(Direction.SUPPLY,),
            org_types=SCHOOL_TYPES | {OrganizationType.RESEARCH_INSTITUTE},
            common={
                "region_code": _req(),
                "industry_code": _opt("服务行业"),
                "major_codes": _opt(),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField(
                    "service_type",
                    "服务类型",
                    "choice",
                    required=True,
                    choices=(
                        ("technical_service", "技术服务"),
                        ("equipment", "设备共享"),
                        ("testing", "检验检测"),
                        ("consulting", "咨询"),
                        ("other", "其他"),
                    ),
                ),
                DetailField("equipment", "设备与能力", max_length=1000),
                DetailField("charging", "收费方式", max_length=200),
            ),
        ),
        KindSpec(
            kind=ListingKind.TRAINING,
            title_label="培训名称",
            directions=(Direction.SUPPLY, Direction.DEMAND),
            org_types=NON_GOVERNMENT_TYPES,
            direction_labels={"supply": "培训课程/培训包", "demand": "企业培训需求"},
            common={
                "region_code": _req("培训地点"),
                "occupation_code": _opt("培训职业"),
                "industry_code": _opt(),
                "quantity": _opt("培训人数"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField(
                    "training_form",
                    "培训形式",
                    "choice",
                    required=True,
                    choices=(
                        ("course", "培训课程"),
                        ("package", "职业培训包"),
                        ("custom", "定制培训"),
                    ),
                ),
                DetailField("hours", "学时", "int", min_value=1, max_value=5000),
                DetailField("fee", "费用（元/人）", "int", min_value=0, max_value=1_000_000),
                DetailField("certificate", "可获证书", max_length=200),
            ),
        ),
        KindSpec(
            kind=ListingKind.GRADUATES,
            title_label="标题",
            directions=(Direction.SUPPLY,),
            org_types=SCHOOL_TYPES,
            max_majors=1,
            common={
                "region_code": _req(),
                "major_codes": _req("专业"),
                "education": _req("学历层次"),
                "quantity": _req("毕业生人数"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField(
                    "graduation_year", "毕业年份", "int", True, min_value=2000, max_value=2100
                ),
                DetailField("available_from", "可到岗日期", "date"),
                DetailField(
                    "availability",
                    "可供状态",
                    "choice",
                    required=True,
                    choices=(
                        ("available", "可推荐就业"),
                        ("partly", "部分已落实"),
                        ("internship", "可安排实习"),
                    ),
                ),
            ),
        ),
        KindSpec(
            kind=ListingKind.JOBSEEKER,
            title_label="求职意向",
            directions=(Direction.SUPPLY,),
            org_types=frozenset(),
            is_personal=True,
            max_majors=1,
            common={
                "region_code": _req("期望工作地区"),
                "major_codes": _req("所学专业"),
                "education": _req("学历"),
                "occupation_code": _opt("期望职业"),
                "salary_min": _opt("期望薪酬（元/月）"),
                "skills": _opt("技能与证书"),
                **_DATES,
            },
            details=(
                DetailField(
                    "graduation_year", "毕业年份", "int", True, min_value=1960, max_value=2100
                ),
                DetailField(
                    "resume",
                    "个人简历",
                    "longtext",
                    max_length=20000,
                    is_personal=True,
                    help_text="仅对您授权的单位可见。",
                ),
            ),
            description_label="自我介绍（公开，请勿填写联系方式）",
        ),
        KindSpec(
            kind=ListingKind.MENTOR,
            title_label="标题",
            directions=(Direction.SUPPLY, Direction.DEMAND),
            org_types=NON_GOVERNMENT_TYPES,
            direction_labels={"supply": "行业专家应聘", "demand": "学校聘请需求"},
            common={
                "region_code": _req(),
                "industry_code": _opt(),
                "occupation_code": _opt(),
                "major_codes": _opt("授课专业"),
                "quantity": _opt("人数"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField("expertise", "专业领域", required=True),
                DetailField("professional_title", "职称/技能等级", max_length=100),
                DetailField("years_experience", "从业年限", "int", min_value=0, max_value=60),
                DetailField("hours_per_month", "每月可授课学时", "int", min_value=1, max_value=200),
            ),
        ),
        KindSpec(
            kind=ListingKind.TRAINING_BASE,
            title_label="实训基地名称",
            directions=(Direction.SUPPLY,),
            org_types=NON_GOVERNMENT_TYPES,
            common={
                "region_code": _req(),
                "industry_code": _opt(),
                "major_codes": _req("服务专业"),
                "quantity": _req("容纳人数"),
                **_DATES,
                **_CONTACT,
            },
            details=(
                DetailField("equipment", "主要设备", required=True, max_length=1000),
                DetailField("area_sqm", "面积（平方米）", "int", min_value=1, max_value=10_000_000),
                DetailField(
                    "base_type",
                    "基地类型",
                    "choice",
                    required=True,
                    choices=(("on_campus", "校内"), ("off_campus", "校外"), ("joint", "校企共建")),
                ),
            ),
        ),
    )
}


def kind_spec(kind: str) -> KindSpec:
    """Return the declaration of one kind (KeyError for an unknown kind)."""
    return KINDS[kind]
