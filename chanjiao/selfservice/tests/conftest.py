"""Fixtures of the self-service tests: a signed-in web client per person."""

import pytest
from django.test import Client

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.organizations.tests.factories import GovernmentFactory

NEW_PASSWORD = "Qingshan-Tea-2027!"  # noqa: S105


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def person(catalogs):
    return UserFactory(
        username="zhangsan",
        real_name="张三",
        email="zhangsan@example.cn",
        phone="13912345678",
        id_number="450403200001011234",
    )


@pytest.fixture
def person_client(person) -> Client:
    return client_for(person)


@pytest.fixture
def reviewer(wuzhou):
    return reviewer_for(GovernmentFactory(name="梧州市人社局", region=wuzhou))


@pytest.fixture
def job_profile(person, reviewer):
    """The person's published job-seeker profile (求职档案), through the listings services."""
    return listing_make(kind="jobseeker", author=person, reviewer=reviewer)
