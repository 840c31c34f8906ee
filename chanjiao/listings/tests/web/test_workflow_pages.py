"""Every kind through the pages: form → draft → submit → reviewer approves → public list/detail."""

import re

import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.factories import valid_input
from chanjiao.listings.tests.web.helpers import (
    PUBLISHERS,
    created_listing,
    listed_titles,
    post_form,
)

pytestmark = pytest.mark.django_db


def _publisher(request, kind):
    author_name, org_name = PUBLISHERS[kind]
    author = request.getfixturevalue(author_name)
    organization = request.getfixturevalue(org_name) if org_name else None
    return author, organization


@pytest.mark.parametrize("kind", list(PUBLISHERS))
def test_item_written_in_the_form_is_public_after_approval(request, kind, client, reviewer):
    author, organization = _publisher(request, kind)
    client.force_login(author)

    listing = created_listing(post_form(client, kind, organization))
    assert listing.status == ListingStatus.DRAFT
    assert listing.organization == organization
    assert listing.title == valid_input(kind)["title"]

    submitted = client.post(f"/info/{kind}/{listing.pk}/submit/", follow=True)
    assert "已提交审核" in submitted.content.decode()
    client.force_login(reviewer)
    approved = client.post(f"/info/{kind}/{listing.pk}/approve/", follow=True)
    assert "已审核通过并发布" in approved.content.decode()
    client.logout()

    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED
    public_list = client.get(f"/info/{kind}/")
    detail = client.get(f"/info/{kind}/{listing.pk}/")
    if kind == "jobseeker":
        # A personal profile is never shown to anonymous visitors.
        assert listed_titles(public_list, kind) == []
        assert detail.status_code == 404
    else:
        assert listed_titles(public_list, kind) == [listing.title]
        assert detail.status_code == 200
        assert listing.title in detail.content.decode()
        assert "历史记录" not in detail.content.decode()


def test_author_sees_the_rejection_reason_and_history(client, recruiter, enterprise, reviewer):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")
    client.force_login(reviewer)

    client.post(f"/info/job/{listing.pk}/reject/", {"reason": "薪酬信息不完整"})

    client.force_login(recruiter)
    page = client.get(f"/info/job/{listing.pk}/").content.decode()
    assert "驳回原因" in page
    assert "薪酬信息不完整" in page
    assert "请按驳回原因修改后重新提交审核" in page
    history = page[page.index('id="history"') :]
    actions = re.findall(r"<tr><td>[^<]*</td><td>([^<]+)</td>", history)
    assert actions == ["创建草稿", "提交审核", "驳回"]
    assert "审核员" in history
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.REJECTED


def test_reject_without_reason_is_refused(client, recruiter, enterprise, reviewer):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")
    client.force_login(reviewer)

    response = client.post(f"/info/job/{listing.pk}/reject/", {"reason": "  "}, follow=True)

    assert "驳回时必须填写原因。" in response.content.decode()
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.SUBMITTED


def test_self_approval_is_refused(client, recruiter, enterprise, wuzhou_gov):
    # The recruiter is also a reviewer of the locality: still may not approve their own item.
    MembershipFactory(user=recruiter, organization=wuzhou_gov, role=Role.REVIEWER)
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")

    response = client.post(f"/info/job/{listing.pk}/approve/", follow=True)

    assert "不能审核自己提交的信息。" in response.content.decode()
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.SUBMITTED
    assert listed_titles(client.get("/info/review/"), "job") == []


def test_reviewer_of_another_locality_cannot_approve(
    client, recruiter, enterprise, shuangyashan_officer
):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")
    client.force_login(shuangyashan_officer)

    response = client.post(f"/info/job/{listing.pk}/approve/")

    assert response.status_code == 404
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.SUBMITTED
    assert listed_titles(client.get("/info/review/"), "job") == []


def test_reviewer_approves_from_the_queue(client, recruiter, enterprise, reviewer):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")
    client.force_login(reviewer)
    queue = client.get("/info/review/")
    assert listed_titles(queue, "job") == ["数控车工"]
    assert "岗位需求 1" in queue.content.decode()

    response = client.post(f"/info/job/{listing.pk}/approve/", {"next": "/info/review/?kind=job"})

    assert response.status_code == 302
    assert response["Location"] == "/info/review/?kind=job"
    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.PUBLISHED
    assert listed_titles(client.get("/info/review/"), "job") == []


def test_close_takes_the_item_down(client, recruiter, enterprise, reviewer):
    client.force_login(recruiter)
    listing = created_listing(post_form(client, "job", enterprise))
    client.post(f"/info/job/{listing.pk}/submit/")
    client.force_login(reviewer)
    client.post(f"/info/job/{listing.pk}/approve/")
    client.force_login(recruiter)

    response = client.post(f"/info/job/{listing.pk}/close/", {"reason": "已招满"}, follow=True)

    assert "信息已关闭" in response.content.decode()
    assert "关闭原因" in response.content.decode()
    client.logout()
    assert client.get(f"/info/job/{listing.pk}/").status_code == 404
    assert listed_titles(client.get("/info/job/"), "job") == []
