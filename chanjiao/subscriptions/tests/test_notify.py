"""Publishing an item tells exactly the subscribers whose saved filters match and who may see it."""

import datetime

import pytest
from django.utils import timezone

from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.listings import services as listing_services
from chanjiao.listings.tests.factories import listing_make
from chanjiao.subscriptions.models import NoticeCategory, Notification, Subscription
from chanjiao.subscriptions.services import subscriptions_notify_for_listing

pytestmark = pytest.mark.django_db


def _notified(listing):
    return set(
        Notification.objects.filter(listing=listing).values_list("subscription__name", flat=True)
    )


def test_notifies_exactly_the_matching_subscribers(publish, subscribe, recruiter, enterprise):
    matching = {
        "city": {"kind": "job", "region": "4504"},  # 450403 lies inside 4504
        "province": {"region": "45"},
        "keyword": {"q": "数控 车床"},
        "salary_equal_to_max": {"salary_at_least": 7000},
        "industry_section": {"kind": "job", "industry": "C"},
        "occupation_group": {"occupation": "6-18"},
    }
    other = {
        "other_city": {"region": "2305"},
        "other_kind": {"kind": "internship"},
        "other_keyword": {"q": "茶叶"},
        "salary_above_max": {"salary_at_least": 8000},
        "other_section": {"industry": "A"},
        "other_direction": {"direction": "supply"},
        "other_major": {"major": "460103"},
    }
    for name, filters in {**matching, **other}.items():
        subscribe(name=name, **filters)
    subscribe(recruiter, name="author_own", kind="job")

    job = publish(kind="job", author=recruiter, organization=enterprise)

    assert _notified(job) == set(matching)
    assert Notification.objects.filter(listing=job).count() == len(matching)
    assert not Notification.objects.filter(
        user=recruiter, category=NoticeCategory.SUBSCRIPTION
    ).exists()  # the author hears of the review (category LISTING), not of their own post


def test_notifies_once_per_user_and_never_twice(publish, subscribe, recruiter, enterprise):
    user = UserFactory(username="watcher")
    subscribe(user, name="jobs", kind="job")
    subscribe(user, name="wuzhou", region="4504")

    job = publish(kind="job", author=recruiter, organization=enterprise)
    again = subscriptions_notify_for_listing(listing_id=job.pk)

    assert again == 0
    notification = Notification.objects.get(user=user)
    assert notification.subscription.name == "jobs"
    assert notification.title == "新岗位需求：数控车工"
    assert notification.url == job.get_absolute_url()
    assert notification.body == (
        "您订阅的“jobs”有一条新发布的岗位需求：数控车工（梧州六堡茶业有限公司，万秀区）。"
    )
    assert notification.is_read is False
    assert Subscription.objects.get(name="jobs").last_notified_at is not None


def test_skips_inactive_subscriptions(publish, subscribe, recruiter, enterprise):
    subscription = subscribe(name="paused", kind="job")
    Subscription.objects.filter(pk=subscription.pk).update(is_active=False)

    job = publish(kind="job", author=recruiter, organization=enterprise)

    assert not Notification.objects.filter(listing=job).exists()


def test_profiles_reach_only_organisation_members(
    publish, subscribe, student, outsider, enterprise
):
    member = UserFactory(username="hr")
    MembershipFactory(user=member, organization=enterprise)
    subscribe(member, name="member", kind="jobseeker")
    subscribe(outsider, name="outsider", kind="jobseeker")

    profile = publish(kind="jobseeker", author=student)

    assert _notified(profile) == {"member"}
    body = Notification.objects.get(listing=profile).body
    assert student.real_name not in body


def test_does_not_notify_before_publication(
    subscribe, recruiter, enterprise, reviewer, django_capture_on_commit_callbacks
):
    subscribe(name="jobs", kind="job")
    start = timezone.localdate() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        job = listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"valid_from": start.isoformat()},
        )
    assert job.status == "approved"
    assert not Notification.objects.filter(category=NoticeCategory.SUBSCRIPTION).exists()

    with django_capture_on_commit_callbacks(execute=True):
        listing_services.listings_advance(today=start)

    assert _notified(job) == {"jobs"}


def test_ignores_items_that_are_no_longer_published(publish, subscribe, recruiter, enterprise):
    subscribe(name="jobs", kind="job")
    job = listing_make(kind="job", author=recruiter, organization=enterprise)

    assert subscriptions_notify_for_listing(listing_id=job.pk) == 0
    assert subscriptions_notify_for_listing(listing_id=999_999) == 0
    assert not Notification.objects.exists()


def test_matches_many_distinct_subscriptions_in_few_queries(
    subscribe, recruiter, enterprise, reviewer, django_assert_max_num_queries
):
    job = listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)
    for number in range(120):
        subscribe(name=f"s{number}", kind="job", salary_at_least=number * 100)

    with django_assert_max_num_queries(10):
        told = subscriptions_notify_for_listing(listing_id=job.pk)

    assert told == 71  # salary_at_least 0 … 7000 against a maximum of 7000
