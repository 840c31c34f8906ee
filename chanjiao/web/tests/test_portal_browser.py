"""Each role's workbench and the ten main pages in a real Chromium, at 1366 × 900 and 390 × 844.

On 梧州市's demonstration data (the services' data included, so charts, warnings, forecasts and
recommendations are there), every page must: answer 200, not scroll sideways on a phone, keep the
header under a quarter of the phone's first screen, keep touch targets 40 px high, show no English
words or code outside proper names, log no console error, and pass axe-core (vendored from the npm
registry) with no serious or critical violation.

``make screenshots`` runs this module with ``CHANJIAO_SCREENSHOTS`` set: each page at each width is
saved there (a folder git ignores).
"""

import os
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.applications.models import Application
from chanjiao.events.models import MatchEvent
from chanjiao.listings.models import Listing
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.models import Organization

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PASSWORD = "Chanjiao-Demo-2025"
# The demonstration data has no government 审核员; the test adds one to 梧州市教育局.
REVIEWER = "browser_reviewer"
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Visit:
    name: str  # file name of its screenshot
    username: str | None  # None: a visitor
    path: str
    heading: str  # a word its first heading has
    main: bool = True  # one of the ten main pages


def _visits() -> list[Visit]:
    job = Listing.objects.public().filter(kind="job").order_by("-published_at", "pk").first()
    assert job is not None
    enterprise = Membership.objects.get(user__username="demo_wz_ent01_admin").organization
    received = Application.objects.filter(organization=enterprise).order_by("pk").first()
    event = MatchEvent.objects.order_by("-starts_at").first()
    assert received is not None
    assert event is not None
    return [
        # The ten main pages.
        Visit("01-home", None, "/", "产教融合信息服务平台"),
        Visit("02-search", None, reverse("search:page") + "?q=会计", "检索"),
        Visit("03-jobs", None, reverse("listings:list", args=["job"]), "岗位"),
        Visit("04-job-detail", None, job.get_absolute_url(), job.title[:4]),
        Visit("05-dashboard", None, reverse("reports:dashboard", args=["4504"]), "梧州"),
        Visit("06-forecast", None, reverse("forecasting:locality", args=["4504"]), "预测"),
        Visit("07-recommendations", "demo_wz_stu0001", reverse("recommendations:me"), "推荐"),
        Visit("08-warnings", "demo_wz_gov_jyj", reverse("early_warning:flag-list"), "预警"),
        Visit("09-statistics", "demo_wz_gov_jyj", reverse("statistics:index"), "统计"),
        Visit("10-review-queue", REVIEWER, reverse("listings:review"), "审核"),
        # Each role's workbench.
        Visit("wb-student", "demo_wz_stu0001", "/", "工作台", main=False),
        Visit("wb-school", "demo_wz_school01_admin", "/", "工作台", main=False),
        Visit("wb-enterprise", "demo_wz_ent01_admin", "/", "工作台", main=False),
        Visit("wb-reviewer", REVIEWER, "/", "工作台", main=False),
        Visit("wb-school-member", "demo_wz_school01_review", "/", "工作台", main=False),
        Visit("wb-officer", "demo_wz_gov_jyj", "/", "工作台", main=False),
        Visit("wb-staff", "demo_admin", "/", "工作台", main=False),
        # Joining and one's own account (issue 14).
        Visit("join-login", None, reverse("web:login"), "登录", main=False),
        Visit("join-org", None, reverse("organizations:register"), "入驻", main=False),
        Visit("join-student", None, reverse("students:register"), "注册", main=False),
        Visit("join-claim", "demo_wz_stu0001", reverse("students:claim"), "学校", main=False),
        Visit(
            "join-claims", "demo_wz_school01_admin", reverse("students:claims"), "学生", main=False
        ),
        Visit(
            "join-roster",
            "demo_wz_school01_admin",
            reverse("students:roster-import"),
            "名册",
            main=False,
        ),
        Visit(
            "join-members",
            "demo_wz_ent01_admin",
            reverse("organizations:members", args=[enterprise.pk]),
            "成员",
            main=False,
        ),
        Visit(
            "join-org-profile",
            "demo_wz_ent01_admin",
            reverse("organizations:profile", args=[enterprise.pk]),
            enterprise.name[:4],
            main=False,
        ),
        Visit(
            "join-verification",
            REVIEWER,
            reverse("organizations:verification-queue"),
            "认证",
            main=False,
        ),
        Visit(
            "join-government",
            "demo_wz_gov_jyj",
            reverse("organizations:government"),
            "政府",
            main=False,
        ),
        Visit("account", "demo_wz_stu0001", reverse("selfservice:account"), "账号", main=False),
        Visit(
            "account-logins", "demo_wz_stu0001", reverse("selfservice:logins"), "登录", main=False
        ),
        Visit(
            "account-data", "demo_wz_stu0001", reverse("selfservice:data"), "个人信息", main=False
        ),
        Visit(
            "account-delete", "demo_wz_stu0001", reverse("selfservice:delete"), "注销", main=False
        ),
        Visit(
            "account-security", "demo_wz_stu0001", reverse("accounts:security"), "安全", main=False
        ),
        # From a match to a hire (issue 15).
        Visit(
            "hire-apply",
            "demo_wz_stu0001",
            reverse("applications:apply", args=[job.pk]),
            "投递",
            main=False,
        ),
        Visit("hire-mine", "demo_wz_stu0001", reverse("applications:mine"), "投递", main=False),
        Visit(
            "hire-received",
            "demo_wz_ent01_admin",
            reverse("applications:received"),
            "投递",
            main=False,
        ),
        Visit(
            "hire-application",
            "demo_wz_ent01_admin",
            reverse("applications:detail", args=[received.pk]),
            received.listing.title[:4],
            main=False,
        ),
        Visit("hire-events", None, reverse("events:list"), "招聘活动", main=False),
        Visit("hire-event", None, event.get_absolute_url(), event.title[:4], main=False),
        Visit(
            "hire-event-new", "demo_wz_school01_admin", reverse("events:create"), "活动", main=False
        ),
        Visit(
            "hire-events-mine", "demo_wz_school01_admin", reverse("events:mine"), "活动", main=False
        ),
        Visit(
            "hire-contact-new",
            "demo_wz_ent01_admin",
            reverse("contact_requests:new"),
            "联系学校",
            main=False,
        ),
        Visit(
            "hire-contact-sent",
            "demo_wz_ent01_admin",
            reverse("contact_requests:sent"),
            "联系",
            main=False,
        ),
        Visit(
            "hire-contact-received",
            "demo_wz_school01_admin",
            reverse("contact_requests:received"),
            "联系请求",
            main=False,
        ),
        Visit(
            "hire-inbox", "demo_wz_stu0001", reverse("subscriptions:inbox"), "站内信", main=False
        ),
        Visit(
            "hire-inbox-settings",
            "demo_wz_stu0001",
            reverse("subscriptions:settings"),
            "提醒",
            main=False,
        ),
        Visit(
            "account-2fa-setup",
            "demo_wz_stu0001",
            reverse("accounts:two-factor-setup"),
            "验证",
            main=False,
        ),
    ]


# Lower-case English words, snake_case or dotted identifiers, and English UI words: what a
# Chinese user should never meet. Capitalised names and acronyms (Java, PLC, CAD) are proper names.
ENGLISH = re.compile(
    r"\b(?:[a-z]{3,}|[A-Za-z]+_[A-Za-z_]+|None|True|False|Next|Previous|Search|Submit|Login|"
    r"Page|Home|Error|Forbidden|MASE|ETS|ARIMA|JSON)\b"
)
# Touch targets: buttons, form controls and the frame's links (links inside prose are exempt).
TOUCH_TARGETS = (
    ".site-header a, .site-header button, .site-header select, .site-header summary, "
    "main button, main .button, main select, main input:not([type=hidden]):not([type=checkbox])"
    ":not([type=radio]), .pager a"
)
SMALL_TARGETS_JS = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                  && getComputedStyle(el).visibility !== 'hidden' && r.height < 40; })
  .map(el => (el.outerHTML || '').slice(0, 120))"""
AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.help + ' — '
      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture
def wuzhou_demo(catalogs):
    localities_load_default()
    call_command("load_labor_market_stats", verbosity=0)
    call_command("load_warning_rules", verbosity=0)
    call_command("demo_data", "--locality", "梧州市", "--seed", "1", stdout=StringIO())
    reviewer = User.objects.create_user(REVIEWER, password=PASSWORD, real_name="梧州审核员")
    government = Organization.objects.get(name="梧州市教育局")
    Membership.objects.create(user=reviewer, organization=government, role=Role.REVIEWER)


def _check(page, visit: Visit, width: int, height: int, errors: list[str]) -> list[str]:
    """Every problem of the open page, as readable lines."""
    problems = []
    heading = page.locator("h1").first.inner_text()
    if visit.heading not in heading:
        problems.append(f"标题“{heading}”不含“{visit.heading}”")
    text = page.locator("body").inner_text()
    english = sorted(set(ENGLISH.findall(text)))
    if english:
        problems.append(f"英文或代码：{english[:12]}")
    if errors:
        problems.append(f"控制台错误：{errors[:3]}")
    if width < 400:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            problems.append(f"横向滚动：页面宽 {scroll} px")
        header = page.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().height"
        )
        if header > height / 4:
            problems.append(f"页首高 {header:.0f} px，超过首屏的四分之一")
        small = page.evaluate(SMALL_TARGETS_JS, TOUCH_TARGETS)
        if small:
            problems.append(f"触控目标不足 40 px：{small[:3]}")
    # The page's policy refuses an injected <script>; evaluating through the devtools protocol
    # is not page script, so axe runs while the policy stays in force for everything else.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    violations = page.evaluate(AXE_JS)
    if violations:
        problems.append(f"无障碍（axe）严重问题：{violations}")
    return problems


def test_workbenches_and_main_pages_work_at_desktop_and_phone_width(
    chromium, live_server, wuzhou_demo
):
    shots = os.environ.get("CHANJIAO_SCREENSHOTS")
    visits = _visits()
    problems: list[str] = []
    for label, (width, height) in VIEWPORTS.items():
        pages: dict[str | None, tuple[object, list[str]]] = {}
        for visit in visits:
            if visit.username not in pages:
                pages[visit.username] = _open(
                    chromium, live_server.url, visit.username, width, height
                )
            page, errors = pages[visit.username]
            errors.clear()
            response = page.goto(live_server.url + visit.path)
            page.wait_for_load_state("networkidle")
            if response is None or response.status != 200:
                problems.append(f"{visit.name} {label}: 状态 {response and response.status}")
                continue
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{visit.name}-{label}.png", full_page=True)
            problems += [
                f"{visit.name} {label}: {p}" for p in _check(page, visit, width, height, errors)
            ]
        for page, _ in pages.values():
            page.context.close()
    assert not problems, "\n".join(problems)


def _open(browser, base_url: str, username: str | None, width: int, height: int):
    """A new page (signed in as ``username`` unless None) and the list its errors go to."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if username:
        page.goto(base_url + reverse("web:login"))
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_load_state()
    return page, errors
