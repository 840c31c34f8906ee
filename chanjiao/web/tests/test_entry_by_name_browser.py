"""Publishing by name in a real Chromium: 万秀区 and a title only; the occupation is suggested,
accepted (采用) and kept as confirmed; once published, it reaches a matching student's 为我推荐."""

import pathlib

import pytest
from django.urls import reverse

from chanjiao.accounts.tests.factories import TEST_PASSWORD
from chanjiao.catalogs.models import LinkEvidence, MajorOccupationLink
from chanjiao.listings import services
from chanjiao.listings.models import Listing, OccupationSource
from chanjiao.localities.services import localities_load_default
from chanjiao.recommendations.services import recommendations_recompute
from chanjiao.students.models import StudentProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = pathlib.Path("/tmp/h3shots")  # noqa: S108 - screenshots for people to look at


def _page(chromium, base_url, width):
    context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
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


def _fill_post(page, enterprise):
    page.goto(page.base_url + "/info/job/new/")
    page.select_option("#id_organization", str(enterprise.pk))
    page.fill("#id_region_code", "万秀区")
    page.locator("#id_title").press_sequentially("数控车工学徒", delay=20)
    suggestion = page.locator(".occupation-suggestion")
    suggestion.wait_for(state="visible")
    assert "推荐职业：" in suggestion.inner_text()
    return suggestion


def test_publish_by_name_with_the_suggested_occupation_reaches_the_student(
    chromium, live_server, recruiter, enterprise, student, staff_user
):
    localities_load_default()
    SHOTS.mkdir(exist_ok=True)
    phone = _page(chromium, live_server.url, 390)
    _sign_in(phone, recruiter.username)
    _fill_post(phone, enterprise)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.screenshot(path=str(SHOTS / "suggestion-390.png"), full_page=True)

    page = _page(chromium, live_server.url, 1366)
    _sign_in(page, recruiter.username)
    suggestion = _fill_post(page, enterprise)
    suggestion.locator(".occupation-suggestion__accept").click()
    assert page.input_value("#id_occupation_code").endswith("）")
    page.screenshot(path=str(SHOTS / "suggestion-1366.png"), full_page=True)
    page.select_option("#id_education", "associate")
    page.fill("#id_salary_min", "4500")
    page.fill("#id_salary_max", "7000")
    page.fill("#id_quantity", "3")
    page.fill("#id_valid_from", "2026-01-01")
    page.fill("#id_valid_until", "2099-12-31")
    page.select_option("#id_employment_type", "full_time")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/info/job/*/")

    listing = Listing.objects.get(title="数控车工学徒")
    assert listing.region.code == "450403"
    assert listing.occupation is not None
    assert listing.occupation_source == OccupationSource.CONFIRMED

    # A 高职专科 major, matching the post's 大专 requirement.
    links = MajorOccupationLink.objects.filter(
        occupation=listing.occupation,
        is_active=True,
        major__is_active=True,
        major__level="高职专科",
    ).order_by("major_id")
    link = links.filter(evidence_type=LinkEvidence.TEACHING_STANDARD).first() or links.first()
    assert link is not None, f"no teaching-standard major for {listing.occupation}"
    profile = StudentProfile.objects.get(user=student)
    profile.major = link.major
    profile.save()
    # Published through the services, as the reviewers' pages do.
    services.listing_submit(actor=recruiter, listing=listing)
    services.listing_approve(actor=staff_user, listing=listing)
    recommendations_recompute(only_stale=True)

    reader = _page(chromium, live_server.url, 390)
    _sign_in(reader, student.username)
    reader.goto(reader.base_url + "/recommendations/me/")
    card = reader.locator(f'article[data-id="{listing.pk}"]')
    assert card.count() == 1
    assert listing.occupation.name in card.inner_text()
