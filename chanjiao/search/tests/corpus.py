"""A fixed, labelled corpus on the seeds' key industries and majors, plus items never public."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.organizations.tests.factories import EnterpriseFactory


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    title: str
    description: str
    region: str = "450403"
    industry: str = ""
    occupation: str = ""
    majors: tuple[str, ...] = ()
    salary: tuple[int, int] | None = None
    days_ago: int = 10
    org: str = "梧州产教融合示范企业"


ITEMS = (
    Item(
        "liubao_job",
        "job",
        "六堡茶制茶师傅",
        "负责六堡茶渥堆发酵、陈化与拼配，五年以上制茶经验。",
        industry="1530",
        occupation="6-02-06-10",
        majors=("410107",),
        salary=(5000, 8000),
        org="梧州六堡茶业有限公司",
    ),
    Item(
        "liubao_training",
        "training",
        "六堡茶制作技艺培训班",
        "面向茶农与返乡青年，讲授六堡茶传统制作技艺和非遗传承。",
        region="4504",
    ),
    Item(
        "tea_intern",
        "internship",
        "茶叶加工实习生",
        "在茶叶生产线轮岗实习，学习杀青、揉捻和茶叶加工工艺。",
        industry="1530",
        majors=("410107",),
    ),
    Item(
        "robot_job",
        "job",
        "工业机器人运维工程师",
        "负责工业机器人系统的安装、调试与日常维护，熟悉示教编程。",
        industry="3491",
        occupation="6-31-07-03",
        majors=("460305",),
        salary=(7000, 12000),
    ),
    Item(
        "robot_coop",
        "cooperation",
        "共建工业机器人技术专业订单班",
        "与职业院校合作培养工业机器人技术人才，企业提供设备与师资。",
        majors=("460305",),
    ),
    Item(
        "robot_base",
        "training_base",
        "工业机器人实训基地",
        "配备六轴机器人工作站二十套，可承担实训教学与技能鉴定。",
        majors=("460305",),
    ),
    Item(
        "nurse_job",
        "job",
        "临床护士",
        "二级医院招聘护士，负责病房护理工作，需持护士执业证书。",
        industry="841",
        majors=("520201",),
        salary=(4500, 7000),
    ),
    Item(
        "nurse_intern",
        "internship",
        "护理专业实习生",
        "医院病房护理岗位实习，带教老师一对一指导。",
        industry="841",
        majors=("520201",),
    ),
    Item(
        "care_job",
        "job",
        "养老护理员",
        "在养老院从事老年人生活照料与护理服务。",
        industry="8512",
        salary=(3500, 5000),
    ),
    Item(
        "cbec_job",
        "job",
        "跨境电商运营专员",
        "负责海外电商平台店铺运营、选品与广告投放。",
        industry="5292",
        majors=("530702",),
        salary=(6000, 10000),
    ),
    Item(
        "cbec_coop",
        "cooperation",
        "跨境电子商务订单培养合作",
        "面向跨境电子商务专业学生开设订单培养，毕业后优先录用。",
        majors=("530702",),
    ),
    Item(
        "ecom_job",
        "job",
        "电子商务直播运营",
        "负责电子商务平台直播带货、短视频策划与数据复盘。",
        majors=("530701",),
        salary=(5000, 9000),
    ),
    Item(
        "coal_job",
        "job",
        "煤化工装置操作工",
        "负责煤制合成气装置的巡检与操作，倒班工作。",
        region="230502",
        industry="2522",
        occupation="6-11-01-03",
        salary=(6000, 9000),
        org="双鸭山煤化工有限公司",
    ),
    Item(
        "coal_rnd",
        "rnd",
        "煤化工废水零排放技术研发",
        "征集煤化工高盐废水处理与资源化利用技术方案。",
        region="2305",
        industry="2522",
        org="双鸭山煤化工有限公司",
    ),
    Item(
        "coal_intern",
        "internship",
        "煤化工技术专业顶岗实习",
        "提供化工总控岗位实习，包食宿。",
        region="2305",
        majors=("470205",),
        org="双鸭山煤化工有限公司",
    ),
    Item(
        "software_job",
        "job",
        "智能软件开发工程师",
        "从事人工智能应用与智能软件开发，熟悉Python和大数据处理。",
        industry="651",
        majors=("510203",),
        salary=(9000, 15000),
    ),
    Item(
        "software_rnd",
        "rnd",
        "智能软件测试平台研发",
        "联合高校研发面向制造业的智能软件自动化测试平台。",
        industry="651",
    ),
    Item(
        "ai_training",
        "training",
        "人工智能技术应用培训",
        "面向在职人员的机器学习与人工智能技术应用实战课程。",
    ),
    Item(
        "health_job",
        "job",
        "健康管理师",
        "在生命健康产业园从事健康管理、慢病随访与健康咨询。",
        occupation="4-14-02-02",
        majors=("520801",),
        salary=(4000, 6500),
    ),
    Item(
        "health_coop",
        "cooperation",
        "生命健康产业学院共建",
        "政校企三方共建生命健康产业学院，联合培养康养人才。",
    ),
    Item(
        "pharma_job",
        "job",
        "中药饮片加工技术员",
        "生命健康产业重点企业招聘中药饮片炮制与质量检验人员。",
        industry="2730",
        majors=("520301",),
    ),
    Item(
        "cnc_job",
        "job",
        "数控车工",
        "操作数控车床加工轴类零件，会CNC编程者优先。",
        industry="3421",
        occupation="6-18-01-01",
        majors=("460103",),
        salary=(5500, 8500),
    ),
    Item(
        "cnc_mentor",
        "mentor",
        "数控技术兼职教师",
        "二十年数控加工工艺经验，可承担实训课程教学。",
        majors=("460103",),
    ),
    Item(
        "cnc_service",
        "tech_service",
        "CNC精密加工服务",
        "提供五轴CNC加工与模具制造服务，承接小批量订单。",
    ),
    Item(
        "ev_job",
        "job",
        "新能源汽车维修技师",
        "负责新能源汽车三电系统检测与维修。",
        industry="361",
        occupation="4-12-01-01",
        majors=("460702",),
        salary=(6000, 11000),
    ),
    Item(
        "ev_training",
        "training",
        "新能源汽车高压安全培训",
        "新能源汽车高压电安全操作与应急处置培训。",
    ),
    Item(
        "welder_job",
        "job",
        "焊工",
        "从事钢结构焊接，持焊工证优先。",
        occupation="6-18-02-04",
        salary=(6000, 9000),
    ),
    Item(
        "logistics_job",
        "job",
        "物流仓储主管",
        "负责仓库管理与物流配送调度。",
        occupation="4-02-06-03",
        salary=(5000, 7000),
    ),
    Item(
        "guide_job",
        "job",
        "导游",
        "带领游客游览骑楼城与茶船古道，需持导游证。",
        occupation="4-07-04-01",
        majors=("540101",),
    ),
    Item(
        "preschool_job",
        "job",
        "幼儿园保育员",
        "负责幼儿生活照料，学前教育专业优先。",
        occupation="4-10-01-03",
        majors=("570102K",),
    ),
    Item(
        "agri_service",
        "tech_service",
        "现代农业技术服务",
        "提供测土配方施肥与病虫害绿色防控技术服务。",
        majors=("410103",),
    ),
    Item(
        "bigdata_grads",
        "graduates",
        "大数据技术专业应届毕业生",
        "本届大数据技术专业毕业生四十人，可推荐就业。",
        majors=("510205",),
    ),
    Item(
        "mech_grads",
        "graduates",
        "机电一体化技术专业毕业生",
        "机电一体化技术专业毕业生六十人，可顶岗实习。",
        majors=("460301",),
    ),
    Item(
        "accountant_job",
        "job",
        "会计",
        "负责公司日常账务处理与纳税申报。",
        occupation="2-06-03-00",
        salary=(4000, 6000),
    ),
    Item(
        "tea_rnd",
        "rnd",
        "六堡茶保健功效研究",
        "研究六堡茶对肠道菌群的影响，服务生命健康产业。",
        region="4504",
        industry="1530",
    ),
)

# (query, keys that must all be in the top 5)
RELEVANCE = (
    ("六堡茶", {"liubao_job", "liubao_training"}),
    ("六堡", {"liubao_job", "liubao_training"}),
    ("工业机器人", {"robot_job", "robot_coop", "robot_base"}),
    ("工业机器人技术", {"robot_coop"}),
    ("机器人", {"robot_job", "robot_base"}),
    ("护理", {"nurse_job", "nurse_intern", "care_job"}),
    ("护士", {"nurse_job", "nurse_intern"}),
    ("跨境电商", {"cbec_job", "cbec_coop"}),
    ("跨境电子商务", {"cbec_job", "cbec_coop"}),
    ("电商", {"ecom_job", "cbec_job"}),
    ("电子商务", {"ecom_job", "cbec_coop"}),
    ("煤化工", {"coal_job", "coal_rnd", "coal_intern"}),
    ("煤化工 双鸭山", {"coal_job", "coal_rnd"}),
    ("智能软件", {"software_job", "software_rnd"}),
    ("软件开发", {"software_job"}),
    ("人工智能", {"ai_training", "software_job"}),
    ("生命健康", {"health_job", "health_coop", "pharma_job"}),
    ("健康管理", {"health_job"}),
    ("数控", {"cnc_job", "cnc_mentor", "cnc_service"}),
    ("数控技术", {"cnc_mentor", "cnc_job"}),
    ("CNC", {"cnc_service", "cnc_job"}),
    ("ＣＮＣ加工", {"cnc_service"}),
    ("数控车工", {"cnc_job"}),
    ("新能源汽车", {"ev_job", "ev_training"}),
    ("焊工", {"welder_job"}),
    ("物流", {"logistics_job"}),
    ("导游 茶船古道", {"guide_job"}),
    ("学前教育", {"preschool_job"}),
    ("幼师", {"preschool_job"}),
    ("现代农业", {"agri_service"}),
    ("大数据", {"bigdata_grads", "software_job"}),
    ("机电一体化", {"mech_grads"}),
    ("会计", {"accountant_job"}),
    ("订单班", {"robot_coop", "cbec_coop"}),
    ("茶叶加工", {"tea_intern", "liubao_job"}),
    ("梧州 六堡茶", {"liubao_job"}),
    ("实训基地 工业机器人", {"robot_base"}),
    ("茶", {"liubao_job", "liubao_training"}),
)


def _listing(
    item: Item, author: object, orgs: dict[str, object], status: str, **extra: object
) -> Listing:
    spec = kind_spec(item.kind)
    if item.org not in orgs:
        orgs[item.org] = EnterpriseFactory(name=item.org, region=Region.objects.get(code="4504"))
    now = timezone.now()
    listing = Listing.objects.create(
        kind=item.kind,
        direction=spec.directions[0].value,
        title=item.title,
        description=item.description,
        organization=None if spec.is_personal else orgs[item.org],
        author=author,
        region=Region.objects.get(code=item.region),
        industry=Industry.objects.filter(code=item.industry).first() if item.industry else None,
        occupation=Occupation.objects.get(code=item.occupation) if item.occupation else None,
        salary_min=item.salary[0] if item.salary else None,
        salary_max=item.salary[1] if item.salary else None,
        status=status,
        published_at=now - datetime.timedelta(days=item.days_ago)
        if status == ListingStatus.PUBLISHED
        else None,
        **extra,
    )
    if item.majors:
        listing.majors.set(Major.objects.filter(code__in=item.majors, is_active=True))
    return listing


def corpus_create() -> dict[str, Listing]:
    """Create the labelled items (published) and four that must never be found."""
    author = UserFactory(username="corpus_author")
    orgs: dict[str, object] = {}
    listings = {item.key: _listing(item, author, orgs, ListingStatus.PUBLISHED) for item in ITEMS}
    hidden = Item("draft", "job", "数控车工（草稿）", "数控 草稿 六堡茶")
    listings["draft"] = _listing(hidden, author, orgs, ListingStatus.DRAFT)
    profile = Item("profile", "jobseeker", "求职：数控车工", "数控技术专业 六堡茶")
    listings["profile"] = _listing(profile, author, orgs, ListingStatus.PUBLISHED)
    closed = Item("closed", "job", "数控铣工（已关闭）", "数控 六堡茶")
    listings["closed"] = _listing(closed, author, orgs, ListingStatus.CLOSED)
    expired = Item("expired", "job", "数控磨工（已过期）", "数控 六堡茶")
    listings["expired"] = _listing(
        expired, author, orgs, ListingStatus.PUBLISHED,
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )  # fmt: skip
    return listings
