"""A real Chromium (Debian's, driven by Playwright) signs in and opens each main page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.tests.factories import EnterpriseFactory, GovernmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base_url, username):
    page.goto(base_url + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_officer_signs_in_and_opens_each_main_page(browser_page, live_server, catalogs, tmp_path):
    localities_load_default()
    gov = GovernmentFactory(name="梧州市教育局", region_id=_region_pk("4504"))
    officer = UserFactory(username="browser_officer", real_name="浏览器测试官员")
    MembershipFactory(user=officer, organization=gov, role=Role.GOV_ADMIN)
    page = browser_page

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "产教融合信息服务平台"

    _sign_in(page, live_server.url, "browser_officer")
    assert "工作台" in page.locator("h1").first.inner_text()
    assert "政府管理员" in page.content()

    pages = {
        reverse("catalogs:major-list"): "专业",
        reverse("catalogs:occupation-list"): "职业",
        reverse("catalogs:industry-list"): "行业",
        reverse("catalogs:region-list"): "区划",
        reverse("localities:locality-list"): "地区",
        reverse("web:organization-list"): "机构",
        reverse("crosswalk:index"): "对应",
        reverse("recommendations:index"): "推荐",
        reverse("reports:index"): "供需",
        reverse("forecasting:index"): "预测",
        reverse("early_warning:flag-list"): "预警",
        reverse("statistics:index"): "统计",
    }
    for path, heading_word in pages.items():
        response = page.goto(live_server.url + path)
        assert response is not None
        assert response.status == 200, path
        assert heading_word in page.locator("h1").first.inner_text(), path

    page.goto(live_server.url + reverse("catalogs:major-list") + "?q=数控技术")
    page.get_by_role("link", name="数控技术").first.click()
    page.wait_for_load_state()
    assert "数控技术" in page.locator("h1").first.inner_text()

    page.goto(live_server.url + reverse("localities:locality-list"))
    page.get_by_role("link", name="梧州市").first.click()
    page.wait_for_load_state()
    assert "梧州" in page.locator("h1").first.inner_text()

    response = page.goto(live_server.url + "/api/v1/docs/")
    assert response is not None
    assert response.status == 200
    assert "接口" in page.locator("h1").first.inner_text()
    response = page.goto(live_server.url + "/api/v1/docs/swagger/")
    assert response is not None
    assert response.status == 200
    page.wait_for_selector(".swagger-ui", timeout=15000)
    page.screenshot(path=str(tmp_path / "docs.png"))


def test_staff_opens_the_admin(browser_page, live_server, catalogs):
    UserFactory(username="browser_staff", is_staff=True)
    page = browser_page
    _sign_in(page, live_server.url, "browser_staff")
    response = page.goto(live_server.url + "/admin/")
    assert response is not None
    assert response.status == 200
    assert "机构" in page.content()


def test_job_goes_from_the_form_through_review_to_the_public_list(
    browser_page, live_server, catalogs
):
    region_pk = _region_pk("4504")
    enterprise = EnterpriseFactory(name="梧州六堡茶业有限公司", region_id=region_pk)
    gov = GovernmentFactory(name="梧州市人力资源和社会保障局", region_id=region_pk)
    recruiter = UserFactory(username="browser_recruiter")
    MembershipFactory(user=recruiter, organization=enterprise, role=Role.INFO_OFFICER)
    MembershipFactory(
        user=UserFactory(username="browser_reviewer"), organization=gov, role=Role.REVIEWER
    )
    today = timezone.localdate()
    page = browser_page

    _sign_in(page, live_server.url, "browser_recruiter")
    page.goto(live_server.url + reverse("listings:create", kwargs={"kind": "job"}))
    for field, value in {
        "title": "数控车工（浏览器）",
        "region_code": "450403",
        "occupation_code": "6-18-01-01",
        "salary_min": "4500",
        "salary_max": "7000",
        "quantity": "3",
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
        "contact_phone": "13912345678",
    }.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_education", "associate")
    page.select_option("#id_employment_type", "full_time")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    _sign_in(page, live_server.url, "browser_reviewer")
    page.get_by_role("link", name="审核队列").click()
    page.get_by_role("button", name="通过", exact=True).click()
    assert "已审核通过并发布" in page.locator(".messages").inner_text()

    page.context.clear_cookies()
    page.goto(live_server.url + reverse("listings:list", kwargs={"kind": "job"}))
    page.get_by_role("link", name="数控车工（浏览器）").click()
    assert page.locator("h1").inner_text() == "数控车工（浏览器）"
    assert "139****5678" in page.content()
    assert "13912345678" not in page.content()


def _region_pk(code):
    from chanjiao.catalogs.models import Region

    return Region.objects.get(code=code).pk
