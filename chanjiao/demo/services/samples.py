"""Vocabulary read from the real samples in ``chanjiao/demo/data`` (demonstration use only).

The samples are scraped third-party data (see ``data/SOURCES.md``): they supply company brand
names, skill words, and the postings and job seekers behind demonstration items, never facts the
platform presents as real.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chanjiao.listings.kinds import Education

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
POSTINGS_FILE = DATA_DIR / "boss_jobs_sample_onlynor.csv"
JOBSEEKERS_FILE = DATA_DIR / "tipdm_jobseekers_2023_deidentified.csv"

GENERAL_POOL = "通用"

# Trailing words removed from a company name to leave its brand (字号), longest first.
# fmt: off
_COMPANY_SUFFIXES = sorted(
    {
        "股份有限公司", "有限责任公司", "有限公司", "分公司", "集团", "公司", "科技", "技术",
        "信息", "网络", "文化", "传媒", "传播", "软件", "环保", "新材料", "材料", "贸易", "商贸",
        "实业", "咨询", "教育", "电子", "智能", "数字", "数据", "国际", "发展", "管理", "服务",
        "控股", "工程", "建设", "建筑", "设计", "广告", "物流", "供应链", "人力资源", "人力",
        "医疗", "健康", "生物", "餐饮", "食品", "金融", "投资", "资产", "保险", "财险", "汽车",
        "能源", "新能源", "机械", "设备", "电气", "自动化", "制造", "工业", "企业", "中心",
        "工作室", "事务所", "有限", "股份", "产业", "营销", "电商", "品牌", "检测", "测试",
        "实验", "酒店", "地产", "房产", "律师", "律所", "律业", "影视", "影业", "演艺", "娱乐",
        "互娱", "旅游", "国旅", "旅行", "医药", "化学", "体育", "翻译", "视频", "机电", "通信",
        "焊接", "焊研", "仪器", "光电", "精密", "纺织", "美容", "齿科", "口腔", "快递", "在线",
        "诊断", "艺术", "新闻", "头条", "数科", "智造", "园艺", "重工", "车饰", "集团公司",
        "速运", "速递", "快运", "空调", "物业", "防水", "电影", "置业", "装饰", "卫浴",
        "财务", "财税", "企服", "企策", "会展", "汽配", "化工", "影像", "物联", "出行", "互动",
        "摄影", "家居", "培训", "学校", "书院", "商务", "策划", "经贸", "电器", "金属", "建材",
        "证券", "会计", "运输", "展览", "烘焙", "金服", "互联", "装卸", "航服", "冷库", "条码",
    },
    key=len,
    reverse=True,
)
# fmt: on
_SUFFIX = re.compile("(?:" + "|".join(_COMPANY_SUFFIXES) + ")$")
# fmt: off
_PROVINCE_NAMES = frozenset({
    "中国", "中华", "全国", "北京", "上海", "天津", "重庆", "河北", "山西", "辽宁", "吉林",
    "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东",
    "广西", "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
    "内蒙古", "香港", "澳门", "台湾", "华东", "华南", "华北", "华中", "西南", "西北", "东北",
    "英国", "美国", "日本", "德国", "法国", "韩国", "欧洲", "亚洲", "海外",
})
# fmt: on
# One-character province abbreviations that are rarely anything else at the start of a name.
_PROVINCE_ABBREVIATIONS = frozenset("京沪渝冀晋辽皖闽赣鲁豫鄂湘粤桂琼黔滇陕陇")
# Well-known firms that pass the frequency filter; their names must not be borrowed.
# fmt: off
_WELL_KNOWN = frozenset({
    "药明康德", "施耐德", "太平洋", "三快在线", "车好多", "美迪西", "彤程新材", "雅本化学",
    "源氏木语", "放半天假", "比亚迪", "我爱我家", "妙可蓝多", "爱他美", "小仙炖", "能建时代",
    "华润文体", "北银易融", "外企德科", "新周刊", "上教社", "汽车内饰", "海格怡创", "信永中和",
})
# fmt: on
_REGION_SUFFIX = re.compile(r"(自治州|自治县|地区|林区|特区|市|县|区|旗|盟)$")
# Companies this frequent in the sample are well-known national firms; leave them out.
_MAX_COMPANY_POSTINGS = 2
_BRAND = re.compile(r"^[\u4e00-\u9fff]{3,4}$")

_SKILL_PREFIX = re.compile(r"^(有|具备|熟练使用|熟练|熟悉|掌握)")
_SKILL_SUFFIX = re.compile(r"(开发)?经验$|能力(强|良好|好)?$")
_LATIN_SKILL = re.compile(r"[A-Za-z][A-Za-z0-9+#. \-]{0,19}")
_SKILL_ENDING = re.compile(
    r"(证|证书|师|分析|管理|设计|开发|运营|测量|测绘|维护|维修|编程|剪辑|营销|销售|核算|审计|"
    r"翻译|口译|笔译|摄影|拍摄|建模|测试|检测|调度|操作|教学|护理|办理|起草|策划|编辑|会计|"
    r"税务|总账|结算|预算|应收应付|记账|客服|采购|仓储|配送|出库|入库|焊接|电工|系统|排查|"
    r"驾驶证C[12]|施工图|电路|[A-Z]{2,})$"
)
_NOT_SKILL = re.compile(
    r"经验|工作$|不|无|/第三方|相关|背景|学历|性质|销售工作|\d+年|宿舍|WIFI|要求|具有|极强"
)
_LICENCE = re.compile(r"^(?:驾驶证)?(C[12])(?:以上)?(?:驾驶证)?$")
_MIN_TAG_POSTINGS = 2


def place_short_names(region_names: list[str]) -> frozenset[str]:
    """Return province, city and county names without their suffix (梧州市 → 梧州)."""
    names = set(_PROVINCE_NAMES)
    for name in region_names:
        short = _REGION_SUFFIX.sub("", name)
        if len(short) >= 2 and short != "市辖":
            names.add(short)
    return frozenset(names)


def company_brands(*, place_names: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Return company brands (字号) from the posting sample, grouped by posting category."""
    return dict(_company_brands(place_names))


@cache
def _company_brands(place_names: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = _read(POSTINGS_FILE)
    frequency = Counter(row["company"].strip() for row in rows)
    brands: dict[str, list[str]] = {}
    seen: set[str] = set()
    for row in rows:
        company = row["company"].strip()
        if frequency[company] > _MAX_COMPANY_POSTINGS:
            continue
        brand = _brand(company, place_names)
        if brand is None or brand in seen:
            continue
        seen.add(brand)
        brands.setdefault(row["category_l1_by_repo"].strip(), []).append(brand)
    return tuple((category, tuple(items)) for category, items in brands.items())


def _brand(company: str, place_names: frozenset[str]) -> str | None:
    while (match := _SUFFIX.search(company)) and match.start() > 0:
        company = company[: match.start()]
    # Names opening with 中 are mostly state-owned groups; 某 marks an anonymised employer.
    if not _BRAND.match(company) or company in _WELL_KNOWN or company[0] in "中某":
        return None
    if company[0] in _PROVINCE_ABBREVIATIONS or _contains_place(company, place_names):
        return None
    return company


def _contains_place(text: str, place_names: frozenset[str]) -> bool:
    return any(
        text[start:end] in place_names
        for start in range(len(text))
        for end in range(start + 2, len(text) + 1)
    )


def skill_pools() -> dict[str, tuple[str, ...]]:
    """Return skill words per posting category, from requirement tags and job-seeker skills."""
    return dict(_skill_pools())


@cache
def _skill_pools() -> tuple[tuple[str, tuple[str, ...]], ...]:
    counts: dict[str, Counter[str]] = {}
    for row in _read(POSTINGS_FILE):
        category = row["category_l1_by_repo"].strip() or GENERAL_POOL
        for tag in row["requirement_tags"].split(","):
            skill = _skill(tag)
            if skill:
                counts.setdefault(category, Counter())[skill] += 1
    pools = {
        category: tuple(s for s, n in counter.most_common() if n >= _MIN_TAG_POSTINGS)
        for category, counter in counts.items()
    }
    seeker_skills = _jobseeker_skills()
    pools["计算机/互联网"] = _merge(pools.get("计算机/互联网", ()), seeker_skills)
    pools[GENERAL_POOL] = _merge(
        tuple(s for s in seeker_skills if s.lower() in {"excel", "office", "ppt", "spss"}),
        tuple(s for s in pools.get(GENERAL_POOL, ()) if re.search(r"驾驶证|证$", s)),
    )
    return tuple((category, pool) for category, pool in pools.items() if pool)


@cache
def _skill(tag: str) -> str | None:
    text = _SKILL_SUFFIX.sub("", _SKILL_PREFIX.sub("", tag.strip()))
    text = _LICENCE.sub(r"\1驾驶证", text)
    if not 2 <= len(text) <= 12 or _NOT_SKILL.search(text):
        return None
    if _LATIN_SKILL.fullmatch(text) or _SKILL_ENDING.search(text):
        return text
    return None


def _jobseeker_skills() -> tuple[str, ...]:
    """Skills named by at least two job seekers, in their most common spelling."""
    spellings: dict[str, Counter[str]] = {}
    for row in _read(JOBSEEKERS_FILE):
        for item in row["skills"].split(";"):
            raw = re.sub(r"\[.*?\]", "", item).strip()
            if raw and _LATIN_SKILL.fullmatch(raw):
                spellings.setdefault(raw.lower(), Counter())[raw] += 1
    ranked = sorted(spellings.values(), key=lambda c: -sum(c.values()))
    return tuple(c.most_common(1)[0][0] for c in ranked if sum(c.values()) >= 2)


def _merge(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    seen = {s.lower() for s in first}
    return first + tuple(s for s in second if s.lower() not in seen)


@cache
def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# Legal average number of working days a month (人社部发〔2008〕3号): day rates → monthly pay.
WORKING_DAYS_PER_MONTH = 21.75
_TITLE_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_CLEAN_TITLE = re.compile(r"[\u4e00-\u9fffA-Za-z+#/]{2,16}")
# Recruiting slogans, pay, perks and employers written into a title: such a title is left out.
_TITLE_NOISE = re.compile(
    r"无责|底薪|急聘|急招|直招|诚聘|招聘|月入|日薪|提成|包吃|包住|双休|五险|宿舍|高薪|届|校招|储备|"
    r"央企|国企|外企|银行|集团|公司"
)
_BENEFIT = re.compile(
    r"五险|六险|公积金|包吃|包住|提供住宿|宿舍|双休|休二|年终奖|年假|带薪|补贴|补助|餐补|体检|"
    r"员工旅游|全勤|节日福利|不加班|弹性"
)
_K_SALARY = re.compile(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)K(?:·(\d+)薪)?")
_MONTH_SALARY = re.compile(r"(\d+)-(\d+)元/月")
_DAY_PAY = re.compile(r"(\d+)-(\d+)元/天")
# fmt: off
_EDUCATION = {
    "初中及以下": Education.JUNIOR_HIGH, "中专/中技": Education.SECONDARY,
    "高中": Education.SECONDARY, "大专": Education.ASSOCIATE, "本科": Education.BACHELOR,
    "硕士": Education.MASTER, "博士": Education.DOCTORATE,
}
# fmt: on
# Experience wanted → the least number of years it means.
_EXPERIENCE = {"在校/应届": 0, "1年以内": 0, "1-3年": 1, "3-5年": 3, "5-10年": 5, "10年以上": 10}


@dataclass(frozen=True)
class Posting:
    """One posting of the sample, in the platform's units (yuan a month, Education values)."""

    number: int
    title: str
    category: str
    education: str
    experience_years: int | None
    salary_min: int | None
    salary_max: int | None
    salary_months: int | None
    daily_pay: tuple[int, int] | None
    skills: tuple[str, ...]
    benefits: tuple[str, ...]
    is_trainee: bool
    is_part_time: bool


def job_postings(*, place_names: frozenset[str]) -> tuple[Posting, ...]:
    """Return the postings with a plain title and a readable pay, in sample order.

    A title naming another place (上海Python工程师) is left out: demonstration jobs lie in the
    demonstration locality.
    """
    return _job_postings(place_names)


@cache
def _job_postings(place_names: frozenset[str]) -> tuple[Posting, ...]:
    postings = []
    for row in _read(POSTINGS_FILE):
        title = _posting_title(row["title"], row["company"].strip(), place_names)
        pay = _pay(row["salary_text"].strip())
        if title is None or pay is None:
            continue
        tags = [t.strip() for t in row["requirement_tags"].split(",") if t.strip()]
        experience = row["experience"].strip()
        postings.append(
            Posting(
                number=int(row["id"]),
                title=title,
                category=row["category_l1_by_repo"].strip(),
                education=_EDUCATION.get(row["education"].strip(), Education.NONE),
                experience_years=_EXPERIENCE.get(experience),
                salary_min=pay[0],
                salary_max=pay[1],
                salary_months=pay[2],
                daily_pay=pay[3],
                skills=tuple(dict.fromkeys(s for s in map(_skill, tags) if s)),
                benefits=tuple(dict.fromkeys(t for t in tags if _BENEFIT.search(t))),
                is_trainee="实习" in title or experience == "在校/应届",
                is_part_time="兼职" in title or "兼职" in tags,
            )
        )
    return tuple(postings)


def _posting_title(raw: str, company: str, place_names: frozenset[str]) -> str | None:
    """The title without bracketed notes; None if it names a place or its own employer."""
    title = _TITLE_BRACKETS.sub("", raw).strip()
    if not _CLEAN_TITLE.fullmatch(title) or _TITLE_NOISE.search(title):
        return None
    # A plus joins slogans (朝九晚六+销售助理), except in C++.
    if "+" in title.upper().replace("C++", ""):
        return None
    if _contains_place(title, place_names) or (len(company) >= 2 and company[:2] in title):
        return None
    return title


_Pay = tuple[int | None, int | None, int | None, tuple[int, int] | None]


def _pay(text: str) -> _Pay | None:
    """(monthly low, monthly high, salaries a year, daily low–high) of a pay text, or None."""
    if match := _K_SALARY.fullmatch(text):
        low, high = (round(float(match.group(i)) * 1000) for i in (1, 2))
        months = int(match.group(3)) if match.group(3) else None
        return (low, high, months, None) if low <= high else None
    if match := _MONTH_SALARY.fullmatch(text):
        low, high = int(match.group(1)), int(match.group(2))
        return (low, high, None, None) if low <= high else None
    if match := _DAY_PAY.fullmatch(text):
        low, high = int(match.group(1)), int(match.group(2))
        return (None, None, None, (low, high)) if low <= high else None
    return None


@dataclass(frozen=True)
class JobSeeker:
    """A job seeker of the de-identified sample: expected monthly pay and named skills."""

    min_wage: int
    skills: tuple[str, ...]


def job_seekers() -> tuple[JobSeeker, ...]:
    """Return the seekers without work experience who ask a modest pay and name common skills."""
    return _job_seekers()


@cache
def _job_seekers() -> tuple[JobSeeker, ...]:
    common = {s.lower(): s for s in _jobseeker_skills()}
    seekers = []
    for row in _read(JOBSEEKERS_FILE):
        wage = int(row["desired_min_wage"] or 0)
        named = (re.sub(r"\[.*?\]", "", item).strip().lower() for item in row["skills"].split(";"))
        skills = tuple(dict.fromkeys(common[s] for s in named if s in common))
        if row["experience"] == "无经验" and 2000 <= wage <= 8000 and len(skills) >= 2:
            seekers.append(JobSeeker(min_wage=wage, skills=skills))
    return tuple(seekers)
