"""The menu per role, each role's workbench (工作台) and the locality switcher, over HTTP."""

import datetime
import re

import pytest
from django.utils import timezone

from chanjiao.catalogs.models import Major
from chanjiao.early_warning.models import (
    FlagStatus,
    Level,
    RuleType,
    WarningFlag,
    WarningRule,
    WarningRun,
)
from chanjiao.listings import services
from chanjiao.listings.models import ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.choice import COOKIE
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.recommendations.candidates import indexes_forget

pytestmark = pytest.mark.django_db


def _menu(html: str) -> list[str]:
    """The labels of the main bar and the 更多 list, in order."""
    nav = html.split('aria-label="主菜单"', 1)[1].split("</nav>", 1)[0]
    return [
        re.sub(r"\s+\d+$", "", re.sub(r"<[^>]+>", "", label)).strip()
        for label in re.findall(r"<a [^>]*>(.*?)</a>", nav)
    ]


def _tasks(html: str) -> dict[str, int | None]:
    """Each workbench task's label and count."""
    found = {}
    for block in re.findall(r'<a class="task[^"]*" href="[^"]*">(.*?)</a>', html, re.S):
        count = re.search(r'class="count">(\d+)<small>', block)
        label = re.findall(r"<span>([^<]+)</span>", block)[0]
        found[label] = int(count.group(1)) if count else None
    return found


def test_a_visitor_sees_the_public_menu_and_no_work_pages(client, catalogs):
    menu = _menu(client.get("/").content.decode())
    assert menu[:5] == ["首页", "供需信息", "检索", "供需看板", "机构名录"]
    for hidden in ["工作台", "审核队列", "我的发布", "批量导入", "为我推荐", "专业预警"]:
        assert hidden not in menu


def test_a_student_gets_recommendations_but_no_publishing_review_or_warnings(client, student):
    client.force_login(student)
    html = client.get("/").content.decode()
    menu = _menu(html)
    assert menu[:2] == ["工作台", "供需信息"]
    assert "为我推荐" in menu
    for hidden in ["审核队列", "我的发布", "批量导入", "专业预警", "统计数据"]:
        assert hidden not in menu
    assert "为我推荐的岗位与实习" in _tasks(html)


def test_an_account_without_a_role_is_told_how_to_get_one(client, outsider):
    client.force_login(outsider)
    html = client.get("/").content.decode()
    assert "您的账号还没有加入任何机构" in html
    assert "为我推荐" not in _menu(html)


def test_the_officer_workbench_counts_what_waits_for_review(
    client, wuzhou_officer, recruiter, enterprise
):
    for n in range(3):
        listing = listing_make(
            kind="job", author=recruiter, organization=enterprise, overrides={"title": f"岗位{n}"}
        )
        if n < 2:
            services.listing_submit(actor=recruiter, listing=listing)
    enterprise.is_verified = False
    enterprise.save()
    client.force_login(wuzhou_officer)
    html = client.get("/").content.decode()

    tasks = _tasks(html)
    assert tasks["待审核的供需信息"] == 2
    assert tasks["待认证的机构"] == 1
    assert re.search(r'审核队列 <span class="badge"[^>]*>2</span>', html)
    assert re.search(r'机构认证 <span class="badge"[^>]*>1</span>', html)
    assert _menu(html)[:4] == ["工作台", "审核队列", "机构认证", "供需信息"]


def test_the_school_workbench_counts_warnings_to_answer_and_items_to_fix(
    client, school_admin, wuzhou_school, wuzhou_officer
):
    localities_load_default()
    locality = Locality.objects.get(name="梧州市")
    rule = WarningRule.objects.create(
        locality=locality,
        key="low",
        name="招生不足",
        rule_type=RuleType.LOW_ENROLLMENT,
        level=Level.WARNING,
        clause="第一条",
    )
    run = WarningRun.objects.create(locality=locality, year=2025, started_at=timezone.now())
    majors = list(Major.objects.filter(system="vocational")[:3])
    for major, status in zip(
        majors, [FlagStatus.OPEN, FlagStatus.OPEN, FlagStatus.CLOSED], strict=True
    ):
        WarningFlag.objects.create(
            locality=locality,
            run=run,
            rule=rule,
            school=wuzhou_school,
            major=major,
            year=2025,
            level=Level.WARNING,
            summary="招生人数低于下限",
            status=status,
        )
    officer_reviewer = reviewer_for(wuzhou_officer.memberships.get().organization, "wz_reviewer")
    rejected = listing_make(kind="cooperation", author=school_admin, organization=wuzhou_school)
    services.listing_submit(actor=school_admin, listing=rejected)
    services.listing_reject(actor=officer_reviewer, listing=rejected, reason="请补充合作内容")
    soon = timezone.localdate() + datetime.timedelta(days=3)
    listing_make(
        kind="cooperation",
        author=school_admin,
        organization=wuzhou_school,
        reviewer=officer_reviewer,
        overrides={"title": "即将到期", "valid_until": soon.isoformat()},
    )

    client.force_login(school_admin)
    html = client.get("/").content.decode()

    tasks = _tasks(html)
    assert tasks["待本校回应的专业预警"] == 2
    assert tasks["被驳回、待修改的信息"] == 1
    assert tasks["7 天内到期的信息"] == 1
    assert f"status={ListingStatus.REJECTED}" in html
    menu = _menu(html)
    assert "专业预警" in menu
    assert "我的发布" in menu
    assert "审核队列" not in menu


def test_the_switcher_remembers_a_locality_and_the_home_shows_its_posts(
    client, catalogs, recruiter, enterprise, other_enterprise, wuzhou_officer
):
    localities_load_default()
    reviewer = reviewer_for(wuzhou_officer.memberships.get().organization, "wz_reviewer")
    listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"title": "梧州茶艺师"},
    )

    response = client.get("/locality/", {"code": "2305", "next": "/info/"})
    assert response.status_code == 302
    assert response["Location"] == "/info/"
    assert response.cookies[COOKIE].value == "2305"
    html = client.get("/").content.decode()
    assert '<option value="2305" selected>双鸭山市</option>' in html
    assert "梧州茶艺师" not in html
    assert "该地区暂时没有公开的岗位和实习" in html

    client.get("/locality/", {"code": "4504", "next": "/"})
    assert "梧州茶艺师" in client.get("/").content.decode()


def test_the_switcher_refuses_an_unknown_code_and_a_foreign_next(client, catalogs):
    localities_load_default()
    response = client.get(
        "/locality/", {"code": "9999", "next": "https://evil.example/"}, follow=True
    )
    assert response.redirect_chain[0][0] == "/"
    assert "没有这个地区，请从列表中选择。" in response.content.decode()
    assert COOKIE not in response.client.cookies or not response.client.cookies[COOKIE].value


def test_a_signed_in_user_defaults_to_their_own_locality(client, recruiter):
    localities_load_default()
    client.force_login(recruiter)
    assert '<option value="4504" selected>梧州市</option>' in client.get("/").content.decode()


def test_the_directory_lists_unverified_organisations_for_the_reviewer(
    client, enterprise, other_enterprise
):
    enterprise.is_verified = True
    enterprise.save()
    other_enterprise.is_verified = False
    other_enterprise.save()
    html = client.get("/organizations/", {"verification": "unverified"}).content.decode()
    assert other_enterprise.name in html
    assert enterprise.name not in html


def test_the_student_workbench_lists_posts_recommended_for_their_major(
    client, student, recruiter, enterprise, wuzhou_officer
):
    indexes_forget()  # the recommender's in-process indexes may hold an earlier test's items
    reviewer = reviewer_for(wuzhou_officer.memberships.get().organization, "wz_reviewer")
    major = student.student_profile.major
    listing_make(
        kind="internship",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"title": "对口实习岗位", "major_codes": major.code},
    )
    client.force_login(student)
    html = client.get("/").content.decode()
    recommended = html.split("<h2>为你推荐</h2>", 1)[1].split("</section>", 1)[0]
    assert "对口实习岗位" in recommended
    assert "推荐理由：" in recommended


def test_an_organisation_page_lists_its_public_items_and_this_years_majors(
    client, recruiter, enterprise, wuzhou_officer
):
    reviewer = reviewer_for(wuzhou_officer.memberships.get().organization, "wz_reviewer")
    listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"title": "制茶师傅"},
    )
    listing_make(kind="job", author=recruiter, organization=enterprise, overrides={"title": "草稿"})
    html = client.get(f"/organizations/{enterprise.pk}/").content.decode()
    public = html.split("<h2>正在公开的信息</h2>", 1)[1].split("</section>", 1)[0]
    assert "制茶师傅" in public
    assert "草稿" not in public
    assert f"（{enterprise.region.code}）" not in html
