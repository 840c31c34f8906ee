"""E-mail goes out only when the platform, the subscription and the user's address allow it."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_sends_email_when_enabled(email_on, mailoutbox, publish, subscribe, recruiter, enterprise):
    user = UserFactory(username="mailed", email="watcher@example.cn")
    subscribe(user, name="梧州岗位", kind="job", region="4504")

    job = publish(kind="job", author=recruiter, organization=enterprise)

    (message,) = mailoutbox
    assert message.to == ["watcher@example.cn"]
    assert message.subject == "【产教融合信息服务平台】新岗位需求：数控车工"
    assert "您订阅的“梧州岗位”" in message.body
    assert f"https://chanjiao.example.cn{job.get_absolute_url()}" in message.body


@pytest.mark.parametrize("_case", ["subscription_opted_out", "no_address"])
def test_no_email_when_not_wanted(
    _case, email_on, mailoutbox, publish, subscribe, recruiter, enterprise
):
    user = UserFactory(username="quiet", email="" if _case == "no_address" else "q@example.cn")
    subscribe(user, name="jobs", kind="job", email_enabled=_case != "subscription_opted_out")

    publish(kind="job", author=recruiter, organization=enterprise)

    assert mailoutbox == []
    assert user.notifications.count() == 1  # the inbox is told all the same


def test_no_email_when_platform_email_is_off(
    settings, mailoutbox, publish, subscribe, recruiter, enterprise
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CHANJIAO_EMAIL_NOTIFICATIONS = False
    subscribe(UserFactory(username="mailed", email="w@example.cn"), name="jobs", kind="job")

    publish(kind="job", author=recruiter, organization=enterprise)

    assert mailoutbox == []
