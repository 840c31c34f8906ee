"""The subscriptions and inbox API: owners only, Chinese errors, unread counts."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.subscriptions.models import Notification, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(catalogs):
    return UserFactory(username="owner")


@pytest.fixture
def stranger(catalogs):
    return UserFactory(username="stranger")


@pytest.fixture
def subscription(owner, subscribe):
    return subscribe(owner, name="梧州岗位", kind="job", region="4504")


@pytest.fixture
def notification(owner, subscription):
    return Notification.objects.create(
        user=owner, subscription=subscription, title="新岗位需求：数控车工", url="/info/job/1/"
    )


def _requests(subscription, notification):
    return [
        ("get", "/api/v1/subscriptions/", None),
        ("post", "/api/v1/subscriptions/", {"kind": "job"}),
        ("delete", f"/api/v1/subscriptions/{subscription.pk}/", None),
        ("get", "/api/v1/notifications/", None),
        ("post", f"/api/v1/notifications/{notification.pk}/read/", None),
        ("post", "/api/v1/notifications/read-all/", None),
    ]


@pytest.mark.parametrize("index", range(6))
def test_anonymous_is_refused(index, api_client, subscription, notification):
    method, url, body = _requests(subscription, notification)[index]

    response = getattr(api_client, method)(url, body, format="json")

    assert response.status_code == 403
    assert response.json()["message"] == "请先登录。"
    assert Subscription.objects.count() == 1
    assert Notification.objects.filter(is_read=False).count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [("delete", "/api/v1/subscriptions/{s}/"), ("post", "/api/v1/notifications/{n}/read/")],
)
def test_other_users_rows_are_not_found(
    method, path, client_for, stranger, subscription, notification
):
    url = path.format(s=subscription.pk, n=notification.pk)

    response = getattr(client_for(stranger), method)(url)

    assert response.status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    assert Notification.objects.get(pk=notification.pk).is_read is False


def test_other_users_lists_are_empty(client_for, stranger, subscription, notification):
    client = client_for(stranger)

    assert client.get("/api/v1/subscriptions/").json() == []
    inbox = client.get("/api/v1/notifications/").json()
    assert inbox["count"] == 0
    assert inbox["unread"] == 0
    assert client.post("/api/v1/notifications/read-all/").json() == {"updated": 0, "unread": 0}
    assert Notification.objects.get(pk=notification.pk).is_read is False


def test_owner_creates_lists_and_deletes(client_for, owner):
    client = client_for(owner)

    created = client.post(
        "/api/v1/subscriptions/",
        {"name": "数控岗位", "kind": "job", "q": "数控", "email_enabled": False},
        format="json",
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["filters"] == {"kind": "job", "q": "数控"}
    assert body["summary"] == "信息类型：岗位需求；关键词：数控"
    assert body["email_enabled"] is False
    assert [s["id"] for s in client.get("/api/v1/subscriptions/").json()] == [body["id"]]
    assert client.delete(f"/api/v1/subscriptions/{body['id']}/").status_code == 204
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"region": "火星区"}, "region", "未找到名为“火星区”的地区，请检查名称或填写地区代码。"),
        ({"region": "9999"}, "region", "地区“9999”不存在，请检查后重试。"),
    ],
)
def test_create_rejects_bad_filters_in_chinese(body, field, message, client_for, owner):
    response = client_for(owner).post("/api/v1/subscriptions/", body, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["fields"][field] == [message]
    assert not Subscription.objects.exists()


def test_create_without_filters_is_refused(client_for, owner):
    response = client_for(owner).post("/api/v1/subscriptions/", {"name": "全部"}, format="json")

    assert response.status_code == 400
    assert response.json()["message"].startswith("请至少设置一个筛选条件")


def test_inbox_counts_and_marks_read(client_for, owner, subscription, notification):
    newer = Notification.objects.create(user=owner, title="欢迎")
    client = client_for(owner)

    inbox = client.get("/api/v1/notifications/").json()
    assert [n["id"] for n in inbox["results"]] == [newer.pk, notification.pk]
    assert inbox["unread"] == 2

    read = client.post(f"/api/v1/notifications/{notification.pk}/read/").json()
    assert read["is_read"] is True
    unread = client.get("/api/v1/notifications/", {"unread_only": "true"}).json()
    assert [n["id"] for n in unread["results"]] == [newer.pk]
    assert unread["unread"] == 1

    assert client.post("/api/v1/notifications/read-all/").json() == {"updated": 1, "unread": 0}
    assert not Notification.objects.filter(is_read=False).exists()
