"""The inbox and subscription list as people read them on a phone: a list, and empty states."""

import pytest
from django.urls import reverse

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.subscriptions.models import Notification, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, catalogs):
    user = UserFactory(username="reader")
    client.force_login(user)
    return user


def test_an_empty_inbox_says_where_messages_come_from(client, reader):
    html = client.get(reverse("subscriptions:inbox")).content.decode()

    assert "暂无消息。" in html
    assert "订阅您关心的信息后" in html
    assert 'href="/inbox/subscriptions/">去订阅</a>' in html
    assert "<table" not in html


def test_no_unread_messages_points_back_to_all(client, reader):
    Notification.objects.create(user=reader, title="已读的", is_read=True)

    html = client.get(reverse("subscriptions:inbox"), {"unread": "1"}).content.decode()

    assert "没有未读消息。" in html
    assert "已读的" not in html
    assert "查看全部消息" in html


def test_messages_are_a_list_with_their_state(client, reader):
    Notification.objects.create(user=reader, title="新岗位需求：焊工", url="/info/job/1/")

    html = client.get(reverse("subscriptions:inbox")).content.decode()

    item = html[html.index('<ul class="notice-list" id="notices">') :]
    item = item[: item.index("</ul>")]
    assert '<li class="unread">' in item
    assert "<strong>新岗位需求：焊工</strong>" in item
    assert "标为已读</button>" in item


def test_subscriptions_are_a_list_or_an_explained_empty_state(client, reader):
    empty = client.get(reverse("subscriptions:list")).content.decode()
    assert "您还没有订阅。" in empty
    assert "订阅此搜索" in empty

    Subscription.objects.create(user=reader, name="梧州岗位", filters={"kind": "job"})
    html = client.get(reverse("subscriptions:list")).content.decode()
    assert '<ul class="notice-list" id="subscriptions">' in html
    assert "<strong>梧州岗位</strong>" in html
    assert "取消订阅</button>" in html
