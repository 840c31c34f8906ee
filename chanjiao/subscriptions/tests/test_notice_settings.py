"""E-mail opt-in per category (page and API), and the inbox's categories."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.subscriptions.models import NoticeCategory, NoticeSettings, Notification

pytestmark = pytest.mark.django_db

SETTINGS_API = "/api/v1/notifications/settings/"


@pytest.fixture
def person(catalogs):
    return UserFactory(username="person", email="person@example.cn")


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


def test_settings_page_requires_login(client):
    response = client.get(reverse("subscriptions:settings"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_settings_page_starts_with_nothing_chosen(person_client):
    html = person_client.get(reverse("subscriptions:settings")).content.decode()

    assert "同时发送邮件" in html
    assert 'value="application"' in html
    assert 'value="subscription"' not in html  # per subscription, on 我的订阅
    assert " checked" not in html
    assert 'id="settings-no-email"' not in html


def test_settings_page_saves_choices_with_audit(person_client, person):
    response = person_client.post(
        reverse("subscriptions:settings"), {"email_categories": ["application", "listing"]}
    )

    assert response.status_code == 302
    row = NoticeSettings.objects.get(user=person)
    assert row.email_categories == ["listing", "application"]
    event = AuditEvent.objects.get(action="notice_settings.update")
    assert event.actor == person
    assert event.changes == {"email_categories": {"from": [], "to": ["listing", "application"]}}
    html = person_client.get(reverse("subscriptions:settings")).content.decode()
    assert html.count(" checked") == 2


def test_settings_page_refuses_unknown_category(person_client, person):
    response = person_client.post(
        reverse("subscriptions:settings"), {"email_categories": ["subscription"]}, follow=True
    )

    assert "保存失败：订阅的新信息是否发邮件，请在“我的订阅”中按每个订阅设置。" in (
        response.content.decode()
    )
    assert not NoticeSettings.objects.filter(user=person).exists()
    assert not AuditEvent.objects.filter(action="notice_settings.update").exists()


def test_settings_page_asks_for_an_email_address(client, catalogs):
    client.force_login(UserFactory(username="no_address", email=""))

    html = client.get(reverse("subscriptions:settings")).content.decode()

    assert 'id="settings-no-email"' in html
    assert 'href="/account/profile/"' in html


def test_settings_api_reads_and_writes(client_for, person):
    api = client_for(person)

    before = api.get(SETTINGS_API).json()
    saved = api.put(SETTINGS_API, {"email_categories": ["event"]}, format="json")

    assert before["email_categories"] == []
    assert before["has_email"] is True
    assert [c["value"] for c in before["categories"]] == list(NoticeCategory.values)
    assert saved.status_code == 200
    assert saved.json()["email_categories"] == ["event"]
    assert NoticeSettings.objects.get(user=person).email_categories == ["event"]


def test_settings_api_names_the_field_of_a_bad_category(client_for, person):
    response = client_for(person).put(SETTINGS_API, {"email_categories": ["spam"]}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "没有“spam”这种提醒类别。"
    assert body["extra"]["fields"] == {"email_categories": ["没有“spam”这种提醒类别。"]}
    assert not NoticeSettings.objects.exists()


@pytest.mark.parametrize("method", ["get", "put"])
def test_settings_api_refuses_anonymous(method, api_client, catalogs):
    response = getattr(api_client, method)(SETTINGS_API, {"email_categories": []}, format="json")

    assert response.status_code == 403
    assert not NoticeSettings.objects.exists()


def _messages(user):
    Notification.objects.create(user=user, title="新岗位需求：焊工")
    Notification.objects.create(
        user=user, title="您发布的“焊工”已审核通过", category=NoticeCategory.LISTING
    )
    Notification.objects.create(
        user=user, title="收到新的投递", category=NoticeCategory.APPLICATION, is_read=True
    )


def test_inbox_tags_and_filters_by_category(person_client, person):
    _messages(person)

    everything = person_client.get(reverse("subscriptions:inbox")).content.decode()
    listing = person_client.get(reverse("subscriptions:inbox"), {"category": "listing"})
    unread_apps = person_client.get(
        reverse("subscriptions:inbox"), {"category": "application", "unread": "1"}
    ).content.decode()

    assert '<span class="tag">我发布的信息（审核、到期）</span>' in everything
    assert '<span class="tag">订阅的新信息</span>' in everything
    assert list(listing.context["page_obj"]) == list(
        Notification.objects.filter(user=person, category="listing")
    )
    assert "“投递与应聘”类别下没有未读消息。" in unread_apps


def test_api_lists_category_and_filters_by_it(client_for, person):
    _messages(person)
    api = client_for(person)

    listed = api.get("/api/v1/notifications/", {"category": "listing"}).json()
    bad = api.get("/api/v1/notifications/", {"category": "spam"})

    assert [(n["category"], n["category_label"]) for n in listed["results"]] == [
        ("listing", "我发布的信息（审核、到期）")
    ]
    assert listed["count"] == 1
    assert listed["unread"] == 2
    assert bad.status_code == 400


def test_inbox_counts_unread_once_per_page(person_client, person):
    _messages(person)

    with CaptureQueriesContext(connection) as queries:
        html = person_client.get(reverse("subscriptions:inbox")).content.decode()

    unread_counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and '"is_read"' in q["sql"]]
    assert len(unread_counts) == 1
    assert "2 条未读" in html
