"""The kinds index, list filters and sorting, my items, the review queue and the navigation."""

import re

import pytest

from chanjiao.listings import services
from chanjiao.listings.tests.factories import listing_make
from chanjiao.listings.tests.web.helpers import listed_titles
from chanjiao.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_jobs(recruiter, enterprise, reviewer):
    def job(title, **overrides):
        return listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": title, **overrides},
        )

    return [
        job("数控车工", salary_min=4500, salary_max=7000),
        job("茶艺师", salary_min=3000, salary_max=4000, skills="六堡茶冲泡"),
        job("焊工", salary_min=5000, salary_max=9000, region_code="2305", contact_phone=""),
    ]


def test_index_counts_published_items_per_kind(client, three_jobs, recruiter, enterprise):
    listing_make(kind="job", author=recruiter, organization=enterprise)  # a draft

    page = client.get("/info/").content.decode()

    assert '<div class="stat">3</div>\n    <a href="/info/job/"><strong>岗位需求</strong>' in page
    assert "发布岗位需求" not in page


@pytest.mark.parametrize(
    ("_case", "query", "titles"),
    [
        ("newest first", "", ["焊工", "茶艺师", "数控车工"]),
        ("highest pay first", "?ordering=-salary_max", ["焊工", "数控车工", "茶艺师"]),
        ("lowest pay first", "?ordering=salary_min", ["茶艺师", "数控车工", "焊工"]),
        ("by title", "?ordering=title", sorted(["焊工", "茶艺师", "数控车工"])),
        ("pay at least", "?salary_at_least=6000&ordering=title", sorted(["焊工", "数控车工"])),
        ("region and sub-regions", "?region=4504&ordering=title", sorted(["茶艺师", "数控车工"])),
        ("another region", "?region=2305", ["焊工"]),
        ("keyword in skills", "?q=六堡茶", ["茶艺师"]),
        ("occupation prefix", "?occupation=6-18&region=2305", ["焊工"]),
        ("industry section", "?industry=C&q=焊工", ["焊工"]),
        ("nothing matches", "?education=doctorate", []),
        ("region by name", "?region=梧州市&ordering=title", sorted(["茶艺师", "数控车工"])),
        ("region as the type-ahead fills it", "?region=双鸭山市（2305）", ["焊工"]),
        ("occupation by name", "?occupation=车工&region=双鸭山市", ["焊工"]),
        ("industry by name", "?industry=制造业&q=焊工", ["焊工"]),
    ],
)
def test_filters_and_sorting(client, three_jobs, _case, query, titles):
    assert listed_titles(client.get(f"/info/job/{query}"), "job") == titles


def test_bad_filters_are_explained_and_ignored(client, three_jobs):
    response = client.get("/info/job/?region=abc&salary_at_least=-5&q=车工")

    page = response.content.decode()
    assert response.status_code == 200
    assert "地区：未找到名为“abc”的地区，请检查名称或填写地区代码。" in page
    assert "薪酬不低于（元/月）：" in page
    assert listed_titles(response, "job") == ["数控车工"]
    assert 'value="abc"' in page


def test_an_ambiguous_region_name_in_a_filter_lists_the_candidates(client, three_jobs):
    page = client.get("/info/job/?region=市辖区").content.decode()

    assert "地区：“市辖区”对应多个地区：" in page
    assert listed_titles(client.get("/info/job/?region=市辖区"), "job") == [
        "焊工",
        "茶艺师",
        "数控车工",
    ]


def test_filters_are_kept_in_pages_and_links(client, recruiter, enterprise, reviewer):
    for n in range(21):
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"岗位{n:02d}"},
        )

    first = client.get("/info/job/?region=4504&ordering=title")

    assert listed_titles(first, "job")[:2] == ["岗位00", "岗位01"]
    assert "?region=4504&amp;ordering=title&amp;page=2" in first.content.decode()
    second = client.get("/info/job/?region=4504&ordering=title&page=2")
    assert listed_titles(second, "job") == ["岗位20"]


def test_list_page_query_count_does_not_grow_with_rows(
    client, recruiter, enterprise, reviewer, django_assert_max_num_queries
):
    for n in range(20):
        listing_make(
            kind="internship",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"实习{n}", "major_codes": "410107、460103"},
        )
    client.force_login(recruiter)

    with django_assert_max_num_queries(12):
        response = client.get("/info/internship/")
    assert len(listed_titles(response, "internship")) == 20
    client.logout()
    with django_assert_max_num_queries(6):
        assert len(listed_titles(client.get("/info/internship/"), "internship")) == 20


def test_signed_in_users_may_subscribe_to_the_search(client, outsider, three_jobs):
    anonymous = client.get("/info/job/?region=4504").content.decode()
    client.force_login(outsider)

    page = client.get("/info/job/?region=4504&q=车工&ordering=title").content.decode()

    assert "订阅此搜索</button>" not in anonymous
    assert "登录</a>后可订阅此搜索" in anonymous
    form = page[page.index('<form method="post" action="/inbox/subscriptions/new/"') :]
    form = form[: form.index("</form>")]
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert hidden[1:] == [("kind", "job"), ("region", "4504"), ("q", "车工")]
    assert 'name="name" value="岗位需求：车工"' in form

    client.post("/inbox/subscriptions/new/", {**dict(hidden[1:]), "name": "岗位需求：车工"})

    subscription = Subscription.objects.get(user=outsider)
    assert (subscription.name, subscription.kind, subscription.region) == (
        "岗位需求：车工",
        "job",
        "4504",
    )


def test_export_links_carry_the_current_filters(client, three_jobs):
    page = client.get("/info/job/?region=4504&ordering=title").content.decode()

    link = re.search(r'<a href="([^"]+)">导出 CSV</a>', page).group(1).replace("&amp;", "&")
    assert link == ("/info/export/?format=csv&scope=public&kind=job&region=4504&ordering=title")
    response = client.get(link)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "数控车工" in text
    assert "焊工" not in text
    assert "139****5678" in text
    assert "13912345678" not in text


def test_my_items_show_every_status_with_counts(
    client, recruiter, enterprise, other_enterprise, reviewer
):
    listing_make(
        kind="job", author=recruiter, organization=enterprise, overrides={"title": "草稿岗"}
    )
    submitted = listing_make(
        kind="job", author=recruiter, organization=enterprise, overrides={"title": "待审岗"}
    )
    services.listing_submit(actor=recruiter, listing=submitted)
    listing_make(kind="training", author=recruiter, organization=enterprise, reviewer=reviewer)
    client.force_login(recruiter)

    page = client.get("/info/mine/").content.decode()
    drafts = client.get("/info/mine/?status=draft").content.decode()

    assert "草稿 1" in page
    assert "待审核 1" in page
    assert "已发布 1" in page
    assert "全部 3" in page
    assert "草稿岗" in drafts
    assert "待审岗" not in drafts


def test_review_queue_counts_and_puts_reported_items_first(
    client, recruiter, enterprise, reviewer, outsider
):
    waiting = listing_make(
        kind="job", author=recruiter, organization=enterprise, overrides={"title": "先提交的岗位"}
    )
    services.listing_submit(actor=recruiter, listing=waiting)
    reported = listing_make(
        kind="training", author=recruiter, organization=enterprise, reviewer=reviewer
    )
    services.listing_report(actor=outsider, listing=reported, reason="fees")
    client.force_login(reviewer)

    queue = client.get("/info/review/")
    only_jobs = client.get("/info/review/?kind=job")

    page = queue.content.decode()
    assert page.index(reported.title) < page.index("先提交的岗位")
    assert "岗位需求 1" in page
    assert "培训 1" in page
    assert "其中被举报 1" in page
    assert "全部 2" in page
    assert listed_titles(only_jobs, "job") == ["先提交的岗位"]
    assert reported.title not in only_jobs.content.decode()


def test_review_queue_is_for_reviewers_only(client, recruiter):
    client.force_login(recruiter)

    response = client.get("/info/review/")

    assert response.status_code == 403
    assert "只有政府部门的审核员或政府管理员可以审核供需信息。" in response.content.decode()


def test_navigation_shows_the_reviewers_pending_count(client, recruiter, enterprise, reviewer):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)
    services.listing_submit(actor=recruiter, listing=listing)

    client.force_login(reviewer)
    reviewer_home = client.get("/").content.decode()
    client.force_login(recruiter)
    recruiter_home = client.get("/").content.decode()

    assert re.search(
        r'<a href="/info/review/"[^>]*>审核队列 <span class="badge"[^>]*>1</span>', reviewer_home
    )
    assert "审核队列" not in recruiter_home
    assert '<a href="/info/mine/">' in recruiter_home
    assert '<a href="/info/">供需信息</a>' in recruiter_home
    for path, label in (
        ("/info/import/", "批量导入"),
        ("/inbox/", "站内信"),
        ("/inbox/subscriptions/", "我的订阅"),
    ):
        assert f'<a href="{path}">{label}</a>' in recruiter_home
