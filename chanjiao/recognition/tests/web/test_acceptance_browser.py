"""Issue 18's acceptance in a real Chromium, each person in their own browser session: an
enterprise in 普陀 enters the programme and applies (on a phone), the district's 审核员 takes the
初审, the locality's 政府管理员 scores every condition and opens the public notice; once the notice
period has passed the 政府管理员 certifies, the enterprise appears in the public directory and the
普陀 target count (市级产教融合型企业, 约10家) rises by one.

Screenshots of each step go to /tmp/recognition-shots/.
"""

import datetime
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.tests.factories import TEST_PASSWORD
from chanjiao.recognition.models import Recognition, RecognitionState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir()) / "recognition-shots"
TARGET_ROW = "#target-city-integration-enterprise .target-current"


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


def _click(page, text):
    page.get_by_role("button", name=text).first.click()
    page.wait_for_load_state()


def test_enterprise_applies_reviewed_notice_certified_in_directory_and_target(
    chromium, live_server, putuo, pt_enterprise, pt_applicant, district_reviewer, locality_admin
):
    locality_page = live_server.url + reverse("localities:locality-detail", args=[putuo.pk])
    visitor = _person(chromium, live_server.url)
    visitor.goto(locality_page)
    assert visitor.locator(TARGET_ROW).inner_text() == "0"

    # The enterprise, on a phone, enters the programme's reserve and applies.
    phone = _person(chromium, live_server.url, phone=True)
    _sign_in(phone, pt_applicant.username)
    phone.goto(live_server.url + reverse("recognition:list"))
    phone.locator("#enterable li", has_text="市级产教融合型企业（普陀区培育）").get_by_role(
        "button", name="入库并准备申报"
    ).click()
    phone.wait_for_load_state()
    assert "暂无记录" in phone.locator("#evidence").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.fill("#statement", "近三年与两所职业院校开展订单培养，接收实习学生。")
    _shot(phone, "01-apply")
    _click(phone, "提交申报")
    recognition = Recognition.objects.get(organization=pt_enterprise)
    assert recognition.status == RecognitionState.SUBMITTED
    detail = live_server.url + reverse("recognition:detail", args=[recognition.pk])

    # The district's 审核员 takes the 初审.
    reviewer = _person(chromium, live_server.url)
    _sign_in(reviewer, district_reviewer.username)
    reviewer.goto(detail)
    reviewer.fill("#reason-preliminary", "材料齐全")
    _click(reviewer, "初审通过")
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.PRELIMINARY

    # The locality's 政府管理员 scores every condition, passes the 复核 and opens the notice.
    admin = _person(chromium, live_server.url)
    _sign_in(admin, locality_admin.username)
    admin.goto(detail)
    for field in admin.locator("#review-form input[type=number]").all():
        field.fill(field.get_attribute("max") or "5")
    _shot(admin, "02-review")
    _click(admin, "复核通过")
    _click(admin, "开始公示")
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.NOTICE
    visitor.goto(live_server.url + reverse("recognition:directory"))
    assert "上海普陀智造有限公司" in visitor.locator("main").inner_text()  # under 公示
    assert visitor.locator("#directory").count() == 0

    # The notice period passes; the 政府管理员 (signed in again) certifies.
    later = timezone.now() + datetime.timedelta(days=recognition.programme.notice_days + 1)
    with time_machine.travel(later, tick=True):
        admin = _person(chromium, live_server.url)
        _sign_in(admin, locality_admin.username)
        admin.goto(detail)
        _click(admin, "认定")
        recognition.refresh_from_db()
        assert recognition.status == RecognitionState.CERTIFIED
        assert recognition.certificate_number in admin.locator("#certificate").inner_text()
        _shot(admin, "03-certified")

        visitor.goto(live_server.url + reverse("recognition:directory") + "?q=普陀智造")
        assert recognition.certificate_number in visitor.locator("#directory").inner_text()
        visitor.goto(locality_page)
        assert visitor.locator(TARGET_ROW).inner_text() == "1"
        _shot(visitor, "04-target")
