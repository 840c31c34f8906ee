"""Posts shown as cards: what a card says, the empty states, 我的信息, the review queue, imports."""

import datetime
import re

import pytest
from django.utils import timezone

from chanjiao.listings import services
from chanjiao.listings.cards import deadline_text, pay_text, place_names
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db


def _cards(html):
    """The HTML of each card on a page, in order."""
    return re.findall(r'<article class="post-card.*?</article>', html, flags=re.S)


@pytest.fixture
def job(recruiter, enterprise, reviewer):
    closes = timezone.localdate() + datetime.timedelta(days=3)
    return listing_make(
        kind="job",
        author=recruiter,
        organization=enterprise,
        reviewer=reviewer,
        overrides={"salary_min": 6000, "salary_max": 8000, "valid_until": closes.isoformat()},
    )


def test_a_card_shows_publisher_place_pay_and_dates(client, job, enterprise):
    page = client.get("/info/job/").content.decode()

    (card,) = _cards(page)
    assert f'<a href="/info/job/{job.pk}/">数控车工</a>' in card
    assert f'<p class="post-card__org">{enterprise.name}</p>' in card
    assert "梧州市 万秀区" in card  # region 450403 named with its city, not as a code
    assert "6,000–8,000 元/月" in card
    assert timezone.localtime(job.published_at).strftime("%Y-%m-%d") in card
    assert "3天后截止" in card
    # One column of cards on a phone: no table for the results.
    assert '<div class="post-list" id="results">' in page
    assert "<table" not in page


def test_the_index_shows_the_latest_posts_as_cards(client, job):
    page = client.get("/info/").content.decode()

    assert '<div class="post-list" id="latest">' in page
    assert f'href="/info/job/{job.pk}/">数控车工</a>' in page
    assert 'action="/search/"' in page


def test_an_unfiltered_empty_list_says_nothing_is_published_and_how_to_publish(client, recruiter):
    client.force_login(recruiter)

    page = client.get("/info/job/").content.decode()

    assert "目前还没有已发布的岗位需求信息。" in page
    assert 'class="button" href="/info/job/new/">发布岗位需求</a>' in page
    assert "请放宽筛选条件" not in page


def test_an_anonymous_visitor_of_an_empty_list_is_told_what_to_do(client, catalogs):
    page = client.get("/info/cooperation/").content.decode()

    assert "目前还没有已发布的校企合作信息。" in page
    assert "登录</a>后可订阅此栏目" in page
    assert "请放宽筛选条件" not in page


def test_a_filtered_empty_list_asks_to_widen_the_filters(client, job):
    page = client.get("/info/job/?education=doctorate").content.decode()

    assert "没有符合条件的岗位需求信息。" in page
    assert "请放宽筛选条件" in page
    assert "目前还没有已发布" not in page
    assert "（已设 1 项条件）" in page


def test_a_profile_card_keeps_the_person_masked(client, recruiter, student, reviewer):
    student.real_name = "张小明"
    student.save(update_fields=["real_name"])
    listing_make(kind="jobseeker", author=student, reviewer=reviewer)
    client.force_login(recruiter)

    page = client.get("/info/jobseeker/").content.decode()
    (card,) = _cards(page)
    assert "张**" in card
    assert "张小明" not in page

    client.force_login(student)
    assert "张小明" in _cards(client.get("/info/jobseeker/").content.decode())[0]


def test_mine_shows_each_item_with_its_state_and_the_rejection_reason(
    client, recruiter, enterprise, reviewer
):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)
    rejected = listing_make(
        kind="internship", author=recruiter, organization=enterprise, overrides={"title": "退回的"}
    )
    services.listing_submit(actor=recruiter, listing=rejected)
    services.listing_reject(actor=reviewer, listing=rejected, reason="请写明实习报酬")
    client.force_login(recruiter)

    page = client.get("/info/mine/").content.decode()

    cards = {re.search(r'data-id="(\d+)"', c).group(1): c for c in _cards(page)}
    assert '<span class="state state--muted">草稿</span>' in cards[str(draft.pk)]
    assert '<span class="state state--bad">已驳回</span>' in cards[str(rejected.pk)]
    assert "驳回原因</span>请写明实习报酬" in cards[str(rejected.pk)]
    assert 'aria-current="true">全部 2</a>' in page


def test_mine_empty_states_differ_with_and_without_filters(client, recruiter, outsider):
    client.force_login(recruiter)
    assert "您和您的机构还没有发布过信息。" in client.get("/info/mine/").content.decode()
    filtered = client.get("/info/mine/?q=焊工").content.decode()
    assert "没有符合条件的信息。" in filtered
    assert "请放宽筛选条件" in filtered

    client.force_login(outsider)
    page = client.get("/info/mine/").content.decode()
    assert "您还没有发布过信息。" in page
    assert "信息员" in page


def test_the_review_queue_shows_cards_with_both_actions(client, recruiter, enterprise, reviewer):
    waiting = listing_make(kind="job", author=recruiter, organization=enterprise)
    services.listing_submit(actor=recruiter, listing=waiting)
    client.force_login(reviewer)

    page = client.get("/info/review/").content.decode()

    (card,) = _cards(page)
    assert f'action="/info/job/{waiting.pk}/approve/"' in card
    assert f'action="/info/job/{waiting.pk}/reject/"' in card
    assert 'name="reason"' in card
    assert "提交于" in card
    assert 'aria-current="true">全部 1</a>' in page
    assert ">岗位需求 1</a>" in page

    other_kind = client.get("/info/review/?kind=internship").content.decode()
    assert "这一类没有待审核的信息。" in other_kind


def test_an_empty_review_queue_says_the_work_is_done(client, reviewer):
    client.force_login(reviewer)

    assert "没有待审核的信息，审核工作已全部完成。" in client.get("/info/review/").content.decode()


def test_the_detail_page_puts_key_facts_and_the_apply_box_first(client, job, outsider):
    client.force_login(outsider)

    page = client.get(f"/info/job/{job.pk}/").content.decode()

    facts = page[page.index('id="key-facts"') : page.index('<dl class="fields">')]
    assert "6,000–8,000 元/月" in facts
    assert "梧州市 万秀区" in facts
    assert "3天后截止" in facts
    assert 'id="apply"' in facts  # before the full list of fields
    assert "我要投递" in facts  # the applications app's box


def test_import_page_explains_who_may_import(client, outsider):
    client.force_login(outsider)

    page = client.get("/info/import/").content.decode()

    assert "您目前还不能批量导入。" in page
    assert "机构管理员" in page
    assert "信息员" in page
    assert 'enctype="multipart/form-data"' not in page


def test_pay_is_written_per_kind():
    class Item:
        salary_min = None
        salary_max = None
        details: dict = {}

    job, internship, training = Item(), Item(), Item()
    assert pay_text(job, kind_spec("job")) == "面议"
    job.salary_min, job.salary_max = 4500, 4500
    assert pay_text(job, kind_spec("job")) == "4,500 元/月"
    internship.details = {"monthly_pay": 2000}
    assert pay_text(internship, kind_spec("internship")) == "实习报酬 2,000 元/月"
    training.details = {"fee": 0}
    assert pay_text(training, kind_spec("training")) == "免费"
    assert pay_text(Item(), kind_spec("cooperation")) == ""


def test_deadline_words():
    today = datetime.date(2026, 3, 1)
    assert deadline_text(today, today) == ("今天截止", True)
    assert deadline_text(datetime.date(2026, 3, 4), today) == ("3天后截止", True)
    assert deadline_text(datetime.date(2026, 6, 1), today) == ("截止 2026-06-01", False)
    assert deadline_text(datetime.date(2026, 2, 1), today)[0] == "已于 2026-02-01 截止"
    assert deadline_text(None, today) == ("", False)


def test_a_municipality_district_is_named_with_its_city(catalogs):
    places = place_names(["110105", "1101", "450403"])

    assert places["110105"] == "北京市 朝阳区"
    assert places["1101"] == "北京市"  # the “市辖区” entry
    assert places["450403"] == "梧州市 万秀区"
