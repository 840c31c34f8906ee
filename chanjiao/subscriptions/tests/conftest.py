"""Fixtures for subscription tests: subscribers, a reviewer, and publishing through the services."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.listings.selectors import ListingFilters
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.subscriptions import services


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def publish(django_capture_on_commit_callbacks, reviewer):
    """Create, submit and approve an item, running the after-commit notification task."""

    def _publish(*, kind, author, organization=None, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return listing_make(
                kind=kind,
                author=author,
                organization=organization,
                reviewer=reviewer,
                overrides=overrides,
            )

    return _publish


@pytest.fixture
def subscribe():
    """Save a subscription for a (new or given) user through the service."""

    def _subscribe(user=None, *, name="", email_enabled=True, **filters):
        user = user or UserFactory(email="")
        return services.subscription_create(
            user=user, name=name, filters=ListingFilters(**filters), email_enabled=email_enabled
        )

    return _subscribe


@pytest.fixture
def email_on(settings):
    """Platform e-mail on, into Django's locmem outbox (``mailoutbox``)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CHANJIAO_EMAIL_NOTIFICATIONS = True
    settings.CHANJIAO_SITE_URL = "https://chanjiao.example.cn"
