"""The menu each kind of user sees: what a student, a school, an enterprise, a reviewer, an officer
and platform staff need, and nothing they cannot use."""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from chanjiao.accounts.models import Role, User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.common.users import AUDIT_ADMIN, SECURITY_ADMIN, SYSTEM_ADMIN, staff_admin_role
from chanjiao.organizations.models import SCHOOL_TYPES, OrganizationType


class Persona(StrEnum):
    VISITOR = "visitor"
    STUDENT = "student"
    SCHOOL = "school"
    ENTERPRISE = "enterprise"
    REVIEWER = "reviewer"
    OFFICER = "officer"
    STAFF = "staff"
    # 三员分立: the security administrator (rights) and the audit administrator (the audit log).
    SECURITY = "security"
    AUDITOR = "auditor"
    # A member who neither publishes nor reviews (e.g. a school's 审核员, who reads its warnings).
    MEMBER = "member"
    # Signed in, but neither a student nor in any organisation yet.
    ACCOUNT = "account"


PERSONA_LABELS = {
    Persona.VISITOR: "访客",
    Persona.STUDENT: "学生",
    Persona.SCHOOL: "学校",
    Persona.ENTERPRISE: "企业与机构",
    Persona.REVIEWER: "审核员",
    Persona.OFFICER: "政府部门",
    Persona.STAFF: "系统管理员",
    Persona.SECURITY: "安全管理员",
    Persona.AUDITOR: "审计管理员",
    Persona.MEMBER: "机构成员",
    Persona.ACCOUNT: "个人用户",
}

PUBLISHING_ROLES = frozenset({Role.ORG_ADMIN, Role.INFO_OFFICER})
_ADMIN_PERSONAS = {
    SYSTEM_ADMIN: Persona.STAFF,
    SECURITY_ADMIN: Persona.SECURITY,
    AUDIT_ADMIN: Persona.AUDITOR,
}


def user_personas(user: User | AnonymousUser) -> list[Persona]:
    """The kinds of user this account acts as, most specific first; a visitor when signed out."""
    if not user.is_authenticated:
        return [Persona.VISITOR]
    found: list[Persona] = []
    for membership in active_memberships(user):
        org_type = membership.organization.org_type
        if org_type == OrganizationType.GOVERNMENT and membership.role == Role.GOV_ADMIN:
            found.append(Persona.OFFICER)
        elif org_type == OrganizationType.GOVERNMENT and membership.role == Role.REVIEWER:
            found.append(Persona.REVIEWER)
        elif membership.role in PUBLISHING_ROLES:
            if org_type in SCHOOL_TYPES:
                found.append(Persona.SCHOOL)
            elif org_type != OrganizationType.GOVERNMENT:
                found.append(Persona.ENTERPRISE)
        else:
            found.append(Persona.MEMBER)
    if getattr(user, "student_profile", None) is not None:
        found.append(Persona.STUDENT)
    role = staff_admin_role(user)
    if role is not None:
        found.append(_ADMIN_PERSONAS[role])
    order = list(Persona)
    return sorted(set(found), key=order.index) or [Persona.ACCOUNT]


_CODES = {
    "V": Persona.VISITOR,
    "ST": Persona.STUDENT,
    "SC": Persona.SCHOOL,
    "EN": Persona.ENTERPRISE,
    "RV": Persona.REVIEWER,
    "OF": Persona.OFFICER,
    "PS": Persona.STAFF,
    "SA": Persona.SECURITY,
    "AU": Persona.AUDITOR,
    "AC": Persona.ACCOUNT,
    "MB": Persona.MEMBER,
}


def _personas(codes: str) -> frozenset[Persona]:
    """``"ST SC"`` → {student, school}; ``"*"`` → every signed-in persona."""
    if codes == "*":
        return frozenset(_CODES.values()) - {Persona.VISITOR}
    return frozenset(_CODES[code] for code in codes.split())


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    # Personas that see it in the main bar, and those that find it under 更多.
    main: frozenset[Persona]
    more: frozenset[Persona]


def _item(key: str, label: str, url_name: str, main: str, more: str = "") -> NavItem:
    return NavItem(key, label, url_name, _personas(main), _personas(more))


# Persona codes: V visitor, ST student, SC school, EN enterprise (and other publishers),
# RV reviewer, OF government officer, PS platform staff (系统管理员), SA security administrator,
# AU audit administrator, MB another member of an organisation, AC an account without a role yet.
NAV_ITEMS: tuple[NavItem, ...] = (
    _item("home", "首页", "web:home", "V"),
    _item("workbench", "工作台", "web:home", "*"),
    _item("review", "审核队列", "listings:review", "RV OF PS"),
    _item("verification", "机构认证", "organizations:verification-queue", "RV OF", "PS"),
    _item("claims", "学生确认", "students:claims", "SC"),
    _item("claim", "学校确认", "students:claim", "AC", "ST"),
    _item("users", "账号与权限", "admin:accounts_user_changelist", "SA"),
    _item("audit", "审计日志", "admin:audit_auditevent_changelist", "AU"),
    _item("listings", "供需信息", "listings:index", "V AC MB ST SC EN RV OF PS"),
    _item("mine", "我的发布", "listings:mine", "SC EN", "PS"),
    _item("applications_received", "收到的投递", "applications:received", "EN", "SC"),
    _item("applications_mine", "我的投递", "applications:mine", "ST", "AC"),
    _item("events", "招聘活动", "events:list", "ST", "V AC MB SC EN OF PS"),
    _item("events_mine", "我主办的活动", "events:mine", "", "SC OF"),
    _item("events_joined", "参会报名", "events:participations", "", "EN"),
    _item("events_registered", "我报名的活动", "events:registered", "", "ST AC"),
    _item("contact_sent", "联系学校", "contact_requests:sent", "", "EN"),
    _item("contact_received", "联系请求", "contact_requests:received", "", "SC"),
    _item("import", "批量导入", "listing_import:upload", "", "SC EN"),
    _item("internships", "实习管理", "internships:list", "SC", "ST EN RV OF PS"),
    _item("internship_alerts", "实习预警", "internships:alerts", "", "SC RV OF PS"),
    _item("internship_school", "本校实习看板", "internships:dashboard-school", "", "SC"),
    _item("internship_bureau", "地区实习看板", "internships:dashboard-bureau", "", "RV OF PS"),
    _item("recognition", "认定申报", "recognition:list", "", "SC EN RV OF PS"),
    _item("recognition_directory", "认证目录", "recognition:directory", "", "V ST SC EN RV OF PS"),
    _item("recommend", "为我推荐", "recommendations:index", "ST SC EN"),
    _item("search", "检索", "search:page", "V AC MB ST EN", "SC RV OF PS"),
    _item("dashboard", "供需看板", "reports:index", "V OF PS", "SC EN"),
    _item("warnings", "专业预警", "early_warning:flag-list", "MB SC OF PS"),
    _item("forecasts", "需求预测", "forecasting:index", "OF PS", "V ST SC EN"),
    _item("statistics", "统计数据", "statistics:index", "OF PS", "V SC"),
    _item("organizations", "机构名录", "web:organization-list", "V AC MB RV", "ST SC EN OF PS"),
    _item("localities", "地区政策", "localities:locality-list", "PS", "V OF"),
    _item("majors", "专业目录", "catalogs:major-list", "", "V ST SC OF PS"),
    _item("occupations", "职业分类", "catalogs:occupation-list", "", "V ST EN OF PS"),
    _item("industries", "行业分类", "catalogs:industry-list", "", "V EN OF PS"),
    _item("crosswalk", "专业与职业对应", "crosswalk:index", "", "V ST SC OF PS"),
    _item("regions", "行政区划", "catalogs:region-list", "", "OF PS"),
    _item("government", "政府部门与官员", "organizations:government", "", "OF PS"),
    _item("join", "机构入驻", "organizations:register", "", "V"),
    _item("student_join", "学生注册", "students:register", "", "V"),
    _item("api", "开放接口", "api-docs", "", "V EN OF PS"),
)


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str
    active: bool
    badge: int | None = None


@dataclass(frozen=True)
class Navigation:
    personas: list[Persona]
    main: list[Link]
    more: list[Link]

    @property
    def persona_label(self) -> str:
        return "、".join(PERSONA_LABELS[p] for p in self.personas)


def navigation_for(
    user: User | AnonymousUser, path: str, badges: dict[str, int] | None = None
) -> Navigation:
    """The main bar and the 更多 list for this user; the link whose page is open is active."""
    personas = set(user_personas(user))
    main: list[Link] = []
    more: list[Link] = []
    urls = {item.key: reverse(item.url_name) for item in NAV_ITEMS}
    # The longest link prefix of the path is the open page ("/" only for the home page itself).
    candidates = [
        key for key, url in urls.items() if path == url or (url != "/" and path.startswith(url))
    ]
    open_key = max(candidates, key=lambda k: len(urls[k]), default=None)
    for item in NAV_ITEMS:
        target = main if personas & item.main else more if personas & item.more else None
        if target is None:
            continue
        url = urls[item.key]
        active = open_key is not None and urls[open_key] == url
        target.append(Link(item.key, item.label, url, active, (badges or {}).get(item.key)))
    return Navigation(sorted(personas, key=list(Persona).index), main, more)
