"""The create and edit forms: Chinese messages next to fields, publisher limits, re-review."""

import re

import pytest

from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.factories import listing_make
from chanjiao.listings.tests.web.helpers import created_listing, post_form

pytestmark = pytest.mark.django_db


def test_bad_form_shows_chinese_messages_and_saves_nothing(client, recruiter, enterprise):
    client.force_login(recruiter)

    response = post_form(
        client,
        "job",
        enterprise,
        title="",
        region_code="999999",
        salary_min=8000,
        salary_max=5000,
        contact_phone="12345",
    )

    assert response.status_code == 200
    page = response.content.decode()
    # Each message sits next to its field.
    assert (
        page.index('id="id_title"') < page.index("该字段是必填项。") < page.index("id_description")
    )
    assert "未知的地区代码：999999。" in page
    assert "薪酬下限不能高于薪酬上限。" in page
    assert "联系电话格式不正确" in page
    assert 'value="999999"' in page  # the user's input is kept for correction
    assert not Listing.objects.exists()


def test_recruiter_cannot_publish_for_another_enterprise(client, recruiter, other_enterprise):
    client.force_login(recruiter)

    response = post_form(client, "job", other_enterprise)

    assert response.status_code == 200
    assert "请选择您可以代表发布该类信息的机构" in response.content.decode()
    assert not Listing.objects.exists()


def test_kind_the_user_may_not_publish_is_refused(client, recruiter):
    client.force_login(recruiter)

    response = client.get("/info/graduates/new/")

    assert response.status_code == 403
    assert "您不是任何可发布“毕业生资源”信息的机构的机构管理员或信息员" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, catalogs):
    response = client.get("/info/job/new/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/info/job/new/")


def test_create_form_offers_only_the_users_organisations(client, recruiter, enterprise):
    client.force_login(recruiter)

    page = client.get("/info/job/new/").content.decode()

    assert f'<option value="{enterprise.pk}" selected>{enterprise.name}</option>' in page
    assert "双鸭山" not in page


def test_personal_profile_form_has_no_organisation(client, student):
    client.force_login(student)

    page = client.get("/info/jobseeker/new/").content.decode()

    assert 'name="organization"' not in page
    assert "个人档案，仅本人可修改" in page
    assert "仅对您授权的单位可见。" in page


def test_editing_a_published_item_sends_it_back_to_review(client, recruiter, enterprise, reviewer):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
    client.force_login(recruiter)
    form_page = client.get(f"/info/job/{listing.pk}/edit/").content.decode()
    assert "保存修改后将暂停展示并重新进入审核队列" in form_page
    assert 'value="数控车工"' in form_page
    assert 'value="6-18-01-01"' in form_page

    data = {**_form_values(form_page), "title": "数控车工（夜班）", "salary_max": "7500"}
    response = client.post(f"/info/job/{listing.pk}/edit/", data, follow=True)

    assert "已保存，信息已重新进入审核队列。" in response.content.decode()
    listing.refresh_from_db()
    assert listing.title == "数控车工（夜班）"
    assert listing.salary_max == 7500
    assert listing.status == ListingStatus.SUBMITTED
    assert listing.version == 2


def test_edit_form_keeps_dates_and_yes_no_answers(client, recruiter, enterprise):
    listing = listing_make(kind="internship", author=recruiter, organization=enterprise)
    client.force_login(recruiter)

    page = client.get(f"/info/internship/{listing.pk}/edit/").content.decode()

    assert f'value="{listing.valid_until.isoformat()}"' in page
    assert '<option value="是" selected>是</option>' in page


def test_others_cannot_edit(client, other_enterprise, recruiter, enterprise, outsider):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)
    client.force_login(outsider)

    assert client.get(f"/info/job/{listing.pk}/edit/").status_code == 404
    assert client.post(f"/info/job/{listing.pk}/edit/", {"title": "改"}).status_code == 404
    assert Listing.objects.get(pk=listing.pk).title == "数控车工"


def test_duplicate_external_id_is_explained(client, recruiter, enterprise):
    client.force_login(recruiter)
    created_listing(post_form(client, "job", enterprise, external_id="HR-001"))

    response = post_form(client, "job", enterprise, external_id="HR-001")

    assert response.status_code == 200
    assert Listing.objects.count() == 1
    page = response.content.decode()
    assert page.index('id="id_external_id"') < page.index("本机构已有使用该外部编号的同类信息。")


def _form_values(page):
    """Return the values an edit form shows, as the browser would post them back."""
    values = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        values[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = body.strip()
    values.pop("csrfmiddlewaretoken", None)
    return values
