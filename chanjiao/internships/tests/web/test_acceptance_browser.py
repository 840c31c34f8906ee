"""Issue 17's acceptance in a real Chromium, each person in their own browser session: a school
places a student from an internship post, the school, the enterprise and the student confirm the
agreement, the enterprise records the insurance and starts the internship, the student logs a
week and reports an incident, and the bureau officer sees it in the inbox and on the page.

Phone width (390 px) for the student's steps, desktop (1366 px) for the others; screenshots of
each step go to /tmp/internship-shots/.
"""

import datetime
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from chanjiao.internships.models import Incident, Placement, PlacementState, WeeklyLog
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.services import localities_load_default
from chanjiao.students.tests.factories import StudentProfileFactory
from chanjiao.subscriptions.models import Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir()) / "internship-shots"


def _person(chromium, base_url, *, phone=False):
    viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
    context = chromium.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base_url
    page.width_name = "phone" if phone else "desktop"
    return page


def _sign_in(page, username):
    page.goto(page.base_url + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.width_name}.png"), full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _click(page, text):
    page.get_by_role("button", name=text).first.click()
    page.wait_for_load_state()


def test_school_places_parties_confirm_insured_log_and_incident_reaches_bureau(
    chromium, live_server, wuzhou_school, enterprise, recruiter, wuzhou_gov
):
    localities_load_default()
    enterprise.employee_count = 1000
    enterprise.is_above_designated_size = True
    enterprise.save()
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    student = StudentProfileFactory(
        school=wuzhou_school,
        birth_date=datetime.date(2005, 6, 1),
        enrollment_year=today.year - 2,
        user__username="intern_browser",
        user__real_name="韦小宝",
        user__phone="13900001111",
    ).user
    school_staff = UserFactory(username="school_browser", real_name="就业办老师")
    MembershipFactory(user=school_staff, organization=wuzhou_school, role=Role.INFO_OFFICER)
    officer = reviewer_for(wuzhou_gov, username="bureau_browser")
    post = listing_make(
        kind="internship",
        author=recruiter,
        organization=enterprise,
        reviewer=officer,
        overrides={"title": "茶叶加工实习生（浏览器测试）", "quantity": 5},
    )

    # The school opens the post, places the student from it and draws up the agreement.
    school = _person(chromium, live_server.url)
    _sign_in(school, "school_browser")
    school.goto(live_server.url + reverse("listings:detail", args=[post.kind, post.pk]))
    school.get_by_role("link", name="安排学生实习").click()
    school.wait_for_load_state()
    assert school.input_value("#id_post_name") == "茶叶加工实习生（浏览器测试）"
    school.check(f"#field-id_students input[value='{student.pk}']")
    school.fill("#id_address", "梧州市万秀区工业园")
    school.fill("#id_start_date", monday.isoformat())
    school.fill("#id_end_date", (monday + datetime.timedelta(days=90)).isoformat())
    school.fill("#id_daily_hours", "8")
    school.fill("#id_weekly_hours", "40")
    school.fill("#id_monthly_pay", "2400")
    school.fill("#id_probation_wage", "3000")
    school.fill("#id_post_staff_count", "50")
    _shot(school, "01-new-placement")
    _click(school, "确认安排")
    placement = Placement.objects.get()
    assert placement.listing_id == post.pk
    detail = live_server.url + reverse("internships:detail", args=[placement.pk])
    assert school.url.startswith(detail)
    _click(school, "生成三方协议")
    _click(school, "以学校身份确认")
    assert "已确认三方协议" in school.locator("main").inner_text()
    _shot(school, "02-school-confirmed")

    # The enterprise confirms, then records the liability insurance.
    hr = _person(chromium, live_server.url)
    _sign_in(hr, "recruiter")
    hr.goto(detail)
    assert "韦**" in hr.locator("main").inner_text()
    _click(hr, "以实习单位身份确认")
    hr.fill("#insurance-insurer", "中国人民财产保险")
    hr.fill("#insurance-policy_number", "PICC-2026-001")
    _click(hr, "登记保险")
    assert "PICC-2026-001" in hr.locator("#insurance").inner_text()
    _shot(hr, "03-enterprise-insured")

    # The student confirms on a phone; the agreement is then signed by all three.
    phone = _person(chromium, live_server.url, phone=True)
    _sign_in(phone, "intern_browser")
    phone.goto(detail)
    _no_sideways_scroll(phone)
    _shot(phone, "04-student-agreement")
    _click(phone, "以学生身份确认")
    placement.refresh_from_db()
    assert placement.status == PlacementState.SIGNED

    # The enterprise starts the internship (agreement and insurance now allow it).
    hr.goto(detail)
    _click(hr, "开始实习")
    placement.refresh_from_db()
    assert placement.status == PlacementState.ACTIVE

    # The student logs the week and reports an incident, on the phone.
    phone.goto(detail)
    phone.fill("#log-content", "跟师傅学习揉捻和发酵工序。")
    phone.fill("#log-hours_worked", "38")
    phone.fill("#log-longest_day_hours", "8")
    _shot(phone, "05-student-weekly-log")
    _click(phone, "提交周志")
    assert WeeklyLog.objects.get().placement == placement
    assert "本周周志已提交" in phone.locator("main").inner_text()
    _no_sideways_scroll(phone)
    phone.locator("#incidents summary").click()
    phone.select_option("#incident-kind", "injury")
    phone.fill("#incident-description", "搬运茶箱时扭伤手腕，已到医院检查。")
    _click(phone, "报告")
    assert Incident.objects.get().placement == placement
    _no_sideways_scroll(phone)
    _shot(phone, "06-student-incident")
    phone.goto(live_server.url + reverse("internships:list"))
    _no_sideways_scroll(phone)
    _shot(phone, "07-student-list")

    # The bureau officer finds the incident in the inbox and on the placement's page.
    assert Notification.objects.filter(user=officer, category="internship").exists()
    bureau = _person(chromium, live_server.url)
    _sign_in(bureau, "bureau_browser")
    bureau.goto(live_server.url + reverse("subscriptions:inbox"))
    inbox = bureau.locator("main").inner_text()
    assert "实习突发事件（受伤）" in inbox
    _shot(bureau, "08-bureau-inbox")
    bureau.goto(detail)
    incidents = bureau.locator("#incidents").inner_text()
    assert "搬运茶箱时扭伤手腕" in incidents
    assert bureau.get_by_role("button", name="标记为已处理").count() == 1
    _shot(bureau, "09-bureau-incident")
    bureau.goto(live_server.url + reverse("internships:dashboard-bureau") + "?locality=梧州市")
    assert bureau.locator("#n-open-incidents").inner_text() == "1"
    assert enterprise.name in bureau.locator("#quota-table").inner_text()
    _shot(bureau, "10-bureau-dashboard")

    # The school's dashboard and the student's phone view of the dashboard-free pages.
    school.goto(live_server.url + reverse("internships:dashboard-school"))
    assert school.locator("#n-open-incidents").inner_text() == "1"
    _shot(school, "11-school-dashboard")
    phone_school = _person(chromium, live_server.url, phone=True)
    _sign_in(phone_school, "school_browser")
    phone_school.goto(live_server.url + reverse("internships:dashboard-school"))
    _no_sideways_scroll(phone_school)
    _shot(phone_school, "12-school-dashboard")
    phone_school.goto(live_server.url + reverse("internships:new"))
    _no_sideways_scroll(phone_school)
    _shot(phone_school, "13-new-placement")
