"""From a match to a hire in a real Chromium, each person in their own browser session.

A student finds a post by search and applies (the consent is shown before confirming); the
enterprise's HR opens the application (已查看), invites the student to an interview and hires
them; the student sees each status in their own list and inbox; the school's 信息员 sees the
hire in the school's platform outcome counts. Phone width for the student, desktop for the rest.
"""

import re

import pytest
from django.urls import reverse

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Major
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.search.services import search_index_rebuild
from chanjiao.students.tests.factories import StudentProfileFactory
from chanjiao.subscriptions.models import NoticeCategory, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _person(chromium, base_url, *, phone=False):
    """A browser session of its own (cookies apart), in Chinese."""
    viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
    context = chromium.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base_url
    return page


def _sign_in(page, username):
    page.goto(page.base_url + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _state_in_my_list(page, label):
    page.goto(page.base_url + reverse("applications:mine"))
    assert label in page.locator("main").inner_text()
    _no_sideways_scroll(page)


def test_a_student_applies_is_invited_and_hired_and_the_school_counts_it(
    chromium, live_server, wuzhou_school, enterprise, recruiter, wuzhou_gov, settings
):
    settings.CHANJIAO_SEARCH_BACKEND = "tantivy"
    major = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    profile = StudentProfileFactory(
        school=wuzhou_school,
        major=major,
        graduation_year=2027,
        user__username="browser_student",
        user__real_name="韦小宝",
        user__phone="13900001111",
        user__email="weixiaobao@example.cn",
    )
    officer = UserFactory(username="browser_school_info", real_name="就业办老师")
    MembershipFactory(user=officer, organization=wuzhou_school, role=Role.INFO_OFFICER)
    post = listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer_for(wuzhou_gov),
        overrides={"title": "数控车床操作工（浏览器测试）"},
    )
    search_index_rebuild()

    # The student searches, opens the post and applies; the consent is read before confirming.
    student = _person(chromium, live_server.url, phone=True)
    _sign_in(student, "browser_student")
    student.goto(live_server.url + reverse("search:page") + "?q=数控车床操作工")
    student.get_by_role("link", name=re.compile("数控车床操作工（浏览器测试）")).first.click()
    student.wait_for_load_state()
    student.get_by_role("link", name="我要投递").click()
    student.wait_for_load_state()
    text = student.locator("main").inner_text()
    assert "投递即表示您同意" in text
    assert enterprise.name in text
    _no_sideways_scroll(student)
    student.fill("#id_message", "我是数控技术专业学生，希望应聘。")
    student.check("input[name=consent]")
    student.get_by_role("button", name="确认投递").click()
    student.wait_for_load_state()
    application = Application.objects.get(applicant=profile.user, listing=post)
    assert application.state == ApplicationState.SUBMITTED
    _state_in_my_list(student, "新投递")

    # The HR officer finds it in the inbox; the list masks the name, the application shows it.
    hr = _person(chromium, live_server.url)
    _sign_in(hr, "recruiter")
    hr.goto(live_server.url + reverse("applications:received"))
    inbox = hr.locator("main").inner_text()
    assert "韦小宝" not in inbox
    assert "13900001111" not in inbox
    hr.goto(live_server.url + reverse("applications:detail", args=[application.pk]))
    assert "13900001111" in hr.locator("main").inner_text()
    assert AuditEvent.objects.filter(
        action="application.personal_data.view", actor=recruiter
    ).exists()
    application.refresh_from_db()
    assert application.state == ApplicationState.VIEWED
    _state_in_my_list(student, "已查看")

    hr.fill("input[name=message] >> nth=0", "请周一上午九点到公司面试。")
    hr.get_by_role("button", name="邀请面试").click()
    hr.wait_for_load_state()
    application.refresh_from_db()
    assert application.state == ApplicationState.INTERVIEW
    _state_in_my_list(student, "邀请面试")
    assert "请周一上午九点到公司面试。" in student.locator("main").inner_text()

    hr.get_by_role("button", name="录用").click()
    hr.wait_for_load_state()
    application.refresh_from_db()
    assert application.state == ApplicationState.HIRED
    _state_in_my_list(student, "录用")

    # Each status change reached the student's inbox.
    titles = list(
        Notification.objects.filter(
            user=profile.user, category=NoticeCategory.APPLICATION
        ).values_list("title", flat=True)
    )
    assert len(titles) >= 3
    student.goto(live_server.url + reverse("subscriptions:inbox"))
    assert "录用" in student.locator("main").inner_text()

    # The school's 信息员 sees the hire in the school's platform outcome counts.
    school = _person(chromium, live_server.url)
    _sign_in(school, "browser_school_info")
    school.goto(live_server.url + reverse("statistics:index") + f"?school={wuzhou_school.pk}")
    outcomes = school.locator("#application-outcomes").inner_text()
    row = next(line for line in outcomes.splitlines() if "460103" in line)
    assert re.search(r"2027\s+1\s+1\s+1", row), row


def test_withdrawing_asks_first_and_ends_the_consent(
    chromium, live_server, wuzhou_school, enterprise, recruiter, wuzhou_gov
):
    profile = StudentProfileFactory(
        school=wuzhou_school, user__username="browser_withdrawer", user__phone="13900002222"
    )
    post = listing_make(
        kind="internship",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer_for(wuzhou_gov),
    )
    student = _person(chromium, live_server.url, phone=True)
    _sign_in(student, "browser_withdrawer")
    student.goto(live_server.url + reverse("applications:apply", args=[post.pk]))
    student.check("input[name=consent]")
    student.get_by_role("button", name="确认投递").click()
    student.wait_for_load_state()
    application = Application.objects.get(applicant=profile.user, listing=post)

    # Cancelling the question keeps the application; confirming withdraws it.
    student.goto(live_server.url + reverse("applications:mine"))
    student.once("dialog", lambda dialog: dialog.dismiss())
    student.get_by_role("button", name="撤回投递").click()
    student.wait_for_load_state()
    assert student.get_by_role("button", name="撤回投递").is_visible()
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    student.once("dialog", lambda dialog: dialog.accept())
    student.get_by_role("button", name="撤回投递").click()
    student.wait_for_load_state()
    application.refresh_from_db()
    assert application.state == ApplicationState.WITHDRAWN
    assert application.consent_withdrawn_at is not None

    # The publisher no longer sees the contact.
    hr = _person(chromium, live_server.url)
    _sign_in(hr, "recruiter")
    hr.goto(live_server.url + reverse("applications:detail", args=[application.pk]))
    page = hr.locator("main").inner_text()
    assert "13900002222" not in page
    assert "投递人已撤回投递" in page
