"""``notice_send``: the inbox always, e-mail only to those who opted in to the category, once."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.subscriptions.models import NoticeCategory, NoticeSettings, Notification
from chanjiao.subscriptions.notices import Notice, notice_send

pytestmark = pytest.mark.django_db

NEW_APPLICATION = Notice(
    category=NoticeCategory.APPLICATION,
    title="收到新的投递：数控车工",
    body="张同学投递了“数控车工”。",
    url="/applications/1/",
)


@pytest.fixture
def opted_in(catalogs):
    user = UserFactory(username="wants_mail", email="yes@example.cn")
    NoticeSettings.objects.create(user=user, email_categories=[NoticeCategory.APPLICATION])
    return user


@pytest.fixture
def opted_out(catalogs):
    user = UserFactory(username="no_mail", email="no@example.cn")
    NoticeSettings.objects.create(user=user, email_categories=[NoticeCategory.LISTING])
    return user


def test_emails_only_those_who_opted_in(
    django_capture_on_commit_callbacks, email_on, mailoutbox, opted_in, opted_out
):
    never_chose = UserFactory(username="never_chose", email="default@example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        sent = notice_send(recipients=[opted_in, opted_out.pk, never_chose], notice=NEW_APPLICATION)

    assert sent == 3
    assert Notification.objects.filter(category=NoticeCategory.APPLICATION).count() == 3
    (message,) = mailoutbox
    assert message.to == ["yes@example.cn"]
    assert message.subject == "【产教融合信息服务平台】收到新的投递：数控车工"
    assert "https://chanjiao.example.cn/applications/1/" in message.body


def test_no_email_when_platform_email_is_off(
    settings, django_capture_on_commit_callbacks, mailoutbox, opted_in
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CHANJIAO_EMAIL_NOTIFICATIONS = False

    with django_capture_on_commit_callbacks(execute=True):
        notice_send(recipients=[opted_in], notice=NEW_APPLICATION)

    assert mailoutbox == []
    assert opted_in.notifications.count() == 1


def test_dedupe_key_reaches_each_person_once(
    django_capture_on_commit_callbacks, email_on, mailoutbox, opted_in, opted_out
):
    notice = Notice(
        category=NoticeCategory.APPLICATION, title="面试提醒", dedupe_key="interview:7:2026-12-09"
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = notice_send(recipients=[opted_in], notice=notice)
        second = notice_send(recipients=[opted_in, opted_out], notice=notice)

    assert (first, second) == (1, 1)
    assert Notification.objects.filter(user=opted_in).count() == 1
    assert Notification.objects.filter(user=opted_out).count() == 1
    assert len(mailoutbox) == 1


def test_skips_inactive_accounts_and_refuses_unknown_categories(catalogs):
    gone = UserFactory(username="gone", is_active=False)

    assert notice_send(recipients=[gone], notice=NEW_APPLICATION) == 0
    with pytest.raises(ValueError, match="unknown notice category"):
        notice_send(recipients=[gone], notice=Notice(category="spam", title="x"))
    assert not Notification.objects.exists()
