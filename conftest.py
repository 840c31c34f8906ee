"""Shared fixtures: the national catalogues loaded once, and the persona users (STYLE §9)."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.loading import catalogs_load
from chanjiao.catalogs.models import Region
from chanjiao.organizations.tests.factories import (
    EnterpriseFactory,
    GovernmentFactory,
    SchoolFactory,
)
from chanjiao.students.tests.factories import StudentProfileFactory


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last: their table flush would remove the catalogues for later tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        catalogs_load()
    yield
    # Live-server threads may leave a connection open; PostgreSQL refuses to drop a busy database.
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture
def catalogs(db):
    """The national catalogues (loaded once per session; reloaded after a table flush)."""
    if not Region.objects.exists():
        catalogs_load()


@pytest.fixture
def wuzhou(catalogs):
    return Region.objects.get(code="4504")


@pytest.fixture
def shuangyashan(catalogs):
    return Region.objects.get(code="2305")


@pytest.fixture
def api_client():
    return APIClient()


def _client_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def wuzhou_gov(wuzhou):
    return GovernmentFactory(name="梧州市教育局", region=wuzhou)


@pytest.fixture
def wuzhou_officer(wuzhou_gov):
    """A 政府管理员 of 梧州市 (the ministry officer persona)."""
    user = UserFactory(username="officer_wz", real_name="梧州官员")
    MembershipFactory(user=user, organization=wuzhou_gov, role=Role.GOV_ADMIN)
    return user


@pytest.fixture
def shuangyashan_officer(shuangyashan):
    gov = GovernmentFactory(name="双鸭山市教育局", region=shuangyashan)
    user = UserFactory(username="officer_sys", real_name="双鸭山官员")
    MembershipFactory(user=user, organization=gov, role=Role.GOV_ADMIN)
    return user


@pytest.fixture
def wuzhou_school(wuzhou):
    return SchoolFactory(name="梧州职业学院", region=Region.objects.get(code="450403"))


@pytest.fixture
def school_admin(wuzhou_school):
    user = UserFactory(username="school_admin", real_name="学校管理员")
    MembershipFactory(user=user, organization=wuzhou_school, role=Role.ORG_ADMIN)
    return user


@pytest.fixture
def enterprise(wuzhou):
    return EnterpriseFactory(name="梧州六堡茶业有限公司", region=wuzhou)


@pytest.fixture
def other_enterprise(shuangyashan):
    return EnterpriseFactory(name="双鸭山煤化工有限公司", region=shuangyashan)


@pytest.fixture
def recruiter(enterprise):
    """An enterprise's 信息员 (the enterprise recruiter persona)."""
    user = UserFactory(username="recruiter", real_name="招聘专员", phone="13812345678")
    MembershipFactory(user=user, organization=enterprise, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def student(wuzhou_school):
    profile = StudentProfileFactory(school=wuzhou_school)
    return profile.user


@pytest.fixture
def outsider(catalogs):
    """A signed-in user with no organisation and no rights."""
    return UserFactory(username="outsider", real_name="路人")


@pytest.fixture
def staff_user(catalogs):
    return UserFactory(username="platform_staff", is_staff=True)


@pytest.fixture
def client_for():
    """Return an API client logged in as the given user."""
    return _client_for


@pytest.fixture
def enterprise_admin(enterprise):
    """The 机构管理员 of the 梧州 enterprise."""
    user = UserFactory(username="enterprise_admin", real_name="企业管理员")
    MembershipFactory(user=user, organization=enterprise, role=Role.ORG_ADMIN)
    return user
