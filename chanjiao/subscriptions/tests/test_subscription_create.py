"""Saving a subscription: the filters are checked, duplicates and excess refused, all audited."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.selectors import ListingFilters
from chanjiao.subscriptions import services
from chanjiao.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def test_saves_only_subscribable_filters_and_names_them(outsider):
    filters = ListingFilters(kind="job", region="4504", q="  数控   车工 ", status="draft")

    subscription = services.subscription_create(user=outsider, name="", filters=filters)

    assert subscription.filters == {"kind": "job", "region": "4504", "q": "数控 车工"}
    assert subscription.kind == "job"
    assert subscription.region == "4504"
    assert subscription.name == "信息类型：岗位需求；地区：4504；关键词：数控 车工"
    event = AuditEvent.objects.get(action="subscription.create")
    assert event.actor == outsider
    assert event.target_id == str(subscription.pk)
    assert event.changes["filters"] == subscription.filters


@pytest.mark.parametrize(
    ("filters", "field", "message"),
    [
        ({"region": "9999"}, "region", "地区“9999”不存在，请检查后重试。"),
        ({"major": "999999"}, "major", "专业“999999”不存在，请检查后重试。"),
        ({"organization": 987654}, "organization", "发布机构“987654”不存在，请检查后重试。"),
    ],
)
def test_refuses_unknown_codes(filters, field, message, outsider):
    with pytest.raises(ApplicationError) as caught:
        services.subscription_create(user=outsider, name="x", filters=ListingFilters(**filters))

    assert caught.value.message == message
    assert caught.value.extra == {"fields": {field: [message]}}
    assert not Subscription.objects.exists()


def test_refuses_empty_filters(outsider):
    with pytest.raises(ApplicationError, match="请至少设置一个筛选条件"):
        services.subscription_create(user=outsider, name="全部", filters=ListingFilters())


def test_refuses_the_same_filters_twice(outsider):
    services.subscription_create(user=outsider, name="岗位", filters=ListingFilters(kind="job"))

    with pytest.raises(ApplicationError) as caught:
        services.subscription_create(user=outsider, name="再来", filters=ListingFilters(kind="job"))

    assert caught.value.message == "您已保存过相同条件的订阅“岗位”。"
    assert Subscription.objects.count() == 1


def test_caps_subscriptions_per_user(outsider, monkeypatch):
    monkeypatch.setattr(services, "MAX_SUBSCRIPTIONS_PER_USER", 2)
    for kind in ("job", "internship"):
        services.subscription_create(user=outsider, name=kind, filters=ListingFilters(kind=kind))

    with pytest.raises(ApplicationError) as caught:
        services.subscription_create(user=outsider, name="多", filters=ListingFilters(kind="rnd"))

    assert caught.value.message == "每位用户最多保存 2 个订阅，请先删除不再需要的订阅。"
    assert Subscription.objects.filter(user=outsider).count() == 2
    other = UserFactory(username="other")
    services.subscription_create(user=other, name="rnd", filters=ListingFilters(kind="rnd"))


def test_delete_is_audited_and_owner_only(outsider):
    subscription = services.subscription_create(
        user=outsider, name="岗位", filters=ListingFilters(kind="job")
    )
    stranger = UserFactory(username="stranger")

    with pytest.raises(ApplicationError):
        services.subscription_delete(user=stranger, subscription=subscription)
    services.subscription_delete(user=outsider, subscription=subscription)

    assert not Subscription.objects.exists()
    event = AuditEvent.objects.get(action="subscription.delete")
    assert event.changes == {"name": "岗位", "filters": {"kind": "job"}}
