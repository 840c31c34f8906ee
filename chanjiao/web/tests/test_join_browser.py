"""Joining the platform in a real Chromium, each person in their own browser session.

An enterprise registers itself; the region's 审核员 signs in with the second factor (等保 2.0 level
3) and verifies it; its 机构管理员 invites a colleague by e-mail; the colleague opens the link,
opens an account there, and submits a job that the reviewer then publishes. A student registers,
claims a school and a major, and the school's 信息员 confirms the claim.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from chanjiao.accounts.two_factor import totp_code_now, totp_device_ensure
from chanjiao.catalogs.models import Industry, Major, MajorLevel, Region
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization, SchoolMajor, VerificationStatus
from chanjiao.organizations.tests.factories import (
    GovernmentFactory,
    SchoolFactory,
    valid_credit_code,
)
from chanjiao.students.models import StudentProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REVIEWER_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NEW_PASSWORD = "Wuzhou-Tea-2026!"


def _person(chromium, base_url):
    """A browser session of its own (cookies apart), in Chinese, at phone width."""
    context = chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = base_url
    return page


def _sign_in(page, username, password=TEST_PASSWORD):
    page.goto(page.base_url + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _message(page):
    return page.locator(".messages").inner_text()


def test_an_enterprise_joins_is_verified_and_a_colleague_publishes(
    chromium, live_server, catalogs, settings
):
    settings.CHANJIAO_SECOND_FACTOR_REQUIRED = True
    wuzhou = Region.objects.get(code="4504")
    district = Region.objects.get(code="450403")
    gov = GovernmentFactory(name="梧州市人力资源和社会保障局", region=wuzhou)
    reviewer = UserFactory(username="browser_reviewer", real_name="梧州审核员")
    MembershipFactory(user=reviewer, organization=gov, role=Role.REVIEWER)
    totp_device_ensure(reviewer, REVIEWER_SECRET)

    # The founder registers the enterprise and becomes its 机构管理员.
    founder = _person(chromium, live_server.url)
    founder.goto(live_server.url + reverse("web:login"))
    founder.get_by_role("link", name="企业、学校和其他机构入驻").click()
    for field, value in {
        "name": "梧州浏览器茶业有限公司",
        "credit_code": valid_credit_code(90001),
        "real_name": "周建国",
        "email": "zhou@liubao-tea.example.cn",
        "username": "browser_founder",
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
    }.items():
        founder.fill(f"#id_{field}", value)
    founder.select_option("#id_org_type", "enterprise")
    founder.select_option("#id_region", str(district.pk))
    founder.select_option("#id_industry", str(Industry.objects.get(code="15").pk))
    founder.locator("main form button[type=submit]").last.click()
    founder.wait_for_load_state()
    enterprise = Organization.objects.get(name="梧州浏览器茶业有限公司")
    assert enterprise.verification_status == VerificationStatus.UNVERIFIED
    assert "待审核" in founder.content() or "未认证" in founder.content()
    assert Membership.objects.get(organization=enterprise).role == Role.ORG_ADMIN

    # The region's reviewer passes the second factor, then verifies it from the queue.
    checker = _person(chromium, live_server.url)
    _sign_in(checker, "browser_reviewer")
    assert "/account/security/" in checker.url  # no page before the second factor
    checker.fill("#id_code", totp_code_now(reviewer))
    checker.get_by_role("button", name="验证").click()
    checker.wait_for_load_state()
    checker.get_by_role("link", name=re.compile("待认证的机构")).click()
    assert "梧州浏览器茶业有限公司" in checker.content()
    checker.get_by_role("button", name="认证", exact=True).first.click()
    checker.wait_for_load_state()
    enterprise.refresh_from_db()
    assert enterprise.verification_status == VerificationStatus.VERIFIED

    # The 机构管理员 invites a colleague by e-mail; nobody is looked up by name.
    founder.goto(live_server.url + "/")
    founder.get_by_role("link", name=re.compile("成员与邀请")).first.click()
    founder.select_option("#id_role", Role.INFO_OFFICER)
    founder.fill("#id_email", "li@liubao-tea.example.cn")
    founder.get_by_role("button", name="发出邀请").click()
    founder.wait_for_load_state()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/org/invitations/\S+/", mail.outbox[0].body).group(0)

    # The colleague opens the link, opens an account there and is a member at once.
    colleague = _person(chromium, live_server.url)
    colleague.goto(live_server.url + link[link.index("/org/") :])
    assert "梧州浏览器茶业有限公司" in colleague.content()
    assert "周建国" not in colleague.content()  # no name before acceptance
    # The e-mail is the invitation's, filled in and fixed.
    assert colleague.input_value("#register-form #id_email") == "li@liubao-tea.example.cn"
    for field, value in {
        "real_name": "李晓梅",
        "username": "browser_colleague",
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
    }.items():
        colleague.fill(f"#register-form #id_{field}", value)
    colleague.get_by_role("button", name="注册并接受邀请").click()
    colleague.wait_for_load_state()
    member = User.objects.get(username="browser_colleague")
    assert Membership.objects.get(user=member, organization=enterprise).role == Role.INFO_OFFICER

    # The colleague submits a job; the reviewer publishes it.
    today = timezone.localdate()
    colleague.goto(live_server.url + reverse("listings:create", kwargs={"kind": "job"}))
    for field, value in {
        "title": "茶叶加工技术员（浏览器）",
        "region_code": "450403",
        "occupation_code": "6-18-01-01",
        "salary_min": "4500",
        "salary_max": "6500",
        "quantity": "2",
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
        "contact_phone": "13912345678",
    }.items():
        colleague.fill(f"#id_{field}", value)
    colleague.select_option("#id_education", "associate")
    colleague.select_option("#id_employment_type", "full_time")
    colleague.get_by_role("button", name="保存草稿").click()
    colleague.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in _message(colleague)
    checker.goto(live_server.url + reverse("listings:review"))
    checker.get_by_role("button", name="通过", exact=True).click()
    assert "已审核通过并发布" in _message(checker)
    job = Listing.objects.get(title="茶叶加工技术员（浏览器）")
    assert (job.organization_id, job.author_id) == (enterprise.pk, member.pk)
    assert Listing.objects.public().filter(pk=job.pk).exists()


def test_a_student_registers_claims_a_school_and_is_confirmed(chromium, live_server, catalogs):
    school = SchoolFactory(name="梧州浏览器职业学院", region=Region.objects.get(code="450403"))
    major = Major.objects.filter(level=MajorLevel.HIGHER, is_active=True).order_by("code").first()
    SchoolMajor.objects.create(school=school, major=major, year=timezone.localdate().year)
    officer = UserFactory(username="browser_school_info", real_name="学校信息员")
    MembershipFactory(user=officer, organization=school, role=Role.INFO_OFFICER)
    graduation = timezone.localdate().year + 1

    student = _person(chromium, live_server.url)
    student.goto(live_server.url + reverse("web:login"))
    student.get_by_role("link", name="学生、毕业生注册").click()
    student.fill("#id_school", school.name)
    student.fill("#id_major", major.name)
    student.check(f"input[name=status][value={StudentProfile.Status.STUDENT}]")
    for field, value in {
        "graduation_year": str(graduation),
        "student_number": "2023010101",
        "username": "browser_student",
        "real_name": "黄小雨",
        "password": NEW_PASSWORD,
        "password_confirm": NEW_PASSWORD,
        "email": "huang@student.example.cn",
    }.items():
        student.fill(f"#id_{field}", value)
    student.locator("main form button[type=submit]").last.click()
    student.wait_for_load_state()
    assert "已提交给学校确认" in _message(student)
    assert not StudentProfile.objects.filter(user__username="browser_student").exists()

    school_staff = _person(chromium, live_server.url)
    _sign_in(school_staff, "browser_school_info")
    school_staff.get_by_role("link", name=re.compile("待确认的学生")).click()
    assert "黄小雨" in school_staff.content()
    school_staff.get_by_role("button", name="确认", exact=True).first.click()
    assert "已确认 黄小雨 的申请" in _message(school_staff)

    profile = StudentProfile.objects.get(user__username="browser_student")
    assert (profile.school_id, profile.major_id, profile.graduation_year) == (
        school.pk,
        major.pk,
        graduation,
    )
    student.goto(live_server.url + reverse("students:claim"))
    assert "已确认" in student.content()
