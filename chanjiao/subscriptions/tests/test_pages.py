"""The inbox and subscription pages through the Django test client."""

import pytest
from django.urls import reverse

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.subscriptions.models import Notification, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(catalogs):
    return UserFactory(username="owner")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.mark.parametrize("name", ["subscriptions:inbox", "subscriptions:list"])
def test_pages_require_login(name, client):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_anonymous_cannot_subscribe(client):
    response = client.post(reverse("subscriptions:create"), {"kind": "job"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert not Subscription.objects.exists()


def test_list_page_posts_its_filters_to_subscribe(owner_client, owner):
    response = owner_client.post(
        reverse("subscriptions:create"),
        {"kind": "job", "region": "4504", "q": "数控", "ordering": "-published_at", "page": "2"},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("subscriptions:list"), 302)]
    subscription = Subscription.objects.get(user=owner)
    assert subscription.filters == {"kind": "job", "region": "4504", "q": "数控"}
    assert subscription.email_enabled is True
    page = response.content.decode()
    assert f"已订阅“{subscription.name}”" in page
    assert "信息类型：岗位需求；地区：4504；关键词：数控" in page


def test_own_form_can_turn_email_off(owner_client, owner):
    owner_client.post(
        reverse("subscriptions:create"),
        {"name": "实习", "kind": "internship", "email_enabled": "false"},
    )

    assert Subscription.objects.get(user=owner, name="实习").email_enabled is False


def test_bad_filters_come_back_as_a_message(owner_client):
    response = owner_client.post(reverse("subscriptions:create"), {"region": "火星区"}, follow=True)

    assert (
        "订阅失败：未找到名为“火星区”的地区，请检查名称或填写地区代码。"
        in response.content.decode()
    )
    assert not Subscription.objects.exists()


def test_delete_from_the_list(owner_client, owner, subscribe):
    subscription = subscribe(owner, name="岗位", kind="job")
    stranger_subscription = subscribe(name="别人的", kind="job")

    response = owner_client.post(
        reverse("subscriptions:delete", args=[subscription.pk]), follow=True
    )
    refused = owner_client.post(reverse("subscriptions:delete", args=[stranger_subscription.pk]))

    assert "已取消订阅“岗位”。" in response.content.decode()
    assert refused.status_code == 404
    assert list(Subscription.objects.values_list("name", flat=True)) == ["别人的"]


def test_inbox_shows_and_marks_messages(owner_client, owner):
    first = Notification.objects.create(
        user=owner, title="新岗位需求：数控车工", url="/info/job/7/"
    )
    second = Notification.objects.create(user=owner, title="新实习岗位：茶叶加工实习生")
    Notification.objects.create(user=UserFactory(username="someone"), title="别人的消息")

    page = owner_client.get(reverse("subscriptions:inbox")).content.decode()
    assert "新岗位需求：数控车工" in page
    assert "2 条未读" in page
    assert "别人的消息" not in page

    opened = owner_client.get(reverse("subscriptions:open", args=[first.pk]))
    assert opened["Location"] == "/info/job/7/"
    owner_client.post(reverse("subscriptions:read", args=[second.pk]))
    assert not Notification.objects.filter(user=owner, is_read=False).exists()


def test_read_all_and_unread_filter(owner_client, owner):
    Notification.objects.create(user=owner, title="甲")
    Notification.objects.create(user=owner, title="乙", is_read=True)

    unread_page = owner_client.get(reverse("subscriptions:inbox"), {"unread": "1"}).content.decode()
    assert "甲" in unread_page
    assert "乙" not in unread_page

    response = owner_client.post(reverse("subscriptions:read-all"), follow=True)
    assert "已将 1 条消息标为已读。" in response.content.decode()
    assert not Notification.objects.filter(is_read=False).exists()


def test_other_users_message_is_not_found(owner_client):
    other = Notification.objects.create(user=UserFactory(username="someone"), title="别人的消息")

    assert owner_client.get(reverse("subscriptions:open", args=[other.pk])).status_code == 404
    assert owner_client.post(reverse("subscriptions:read", args=[other.pk])).status_code == 404
    assert Notification.objects.get(pk=other.pk).is_read is False
