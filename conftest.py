"""Shared fixtures: the national catalogues loaded once, and the persona users (STYLE §9).

``CHANJIAO_TEST_CLOCK=HH:MM`` runs the whole session with the clock moved to the next such time of
day in China (Asia/Shanghai), still ticking: ``make test`` runs SQLite at 00:30 and PostgreSQL at
23:30, the two hours at which "today" in China and in UTC differ.
"""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from chanjiao.accounts.models import AdminRole, Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.loading import catalogs_load
from chanjiao.catalogs.models import Region
from chanjiao.organizations.tests.factories import (
    EnterpriseFactory,
    GovernmentFactory,
    SchoolFactory,
)
from chanjiao.students.tests.factories import StudentProfileFactory

CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
_clock: list[time_machine.travel] = []


def pinned_clock_start(value: str, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """Return the next moment at ``HH:MM`` China time after ``now`` (the destination of the pin)."""
    try:
        hour, minute = (int(part) for part in value.split(":"))
        now = (now or datetime.datetime.now(tz=CHINA)).astimezone(CHINA)
        target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    except ValueError as error:
        raise pytest.UsageError(f"CHANJIAO_TEST_CLOCK={value!r}: 应为 HH:MM（中国时间）") from error
    return target if target > now else target + datetime.timedelta(days=1)


def pytest_configure(config: pytest.Config) -> None:
    value = os.environ.get("CHANJIAO_TEST_CLOCK", "").strip()
    if value:
        traveller = time_machine.travel(pinned_clock_start(value), tick=True)
        traveller.start()
        _clock.append(traveller)


def pytest_unconfigure(config: pytest.Config) -> None:
    while _clock:
        _clock.pop().stop()


def pytest_report_header(config: pytest.Config) -> str:
    now = datetime.datetime.now(tz=CHINA)
    pinned = "（CHANJIAO_TEST_CLOCK 固定）" if _clock else ""
    return f"clock: {now:%Y-%m-%d %H:%M} Asia/Shanghai{pinned}"


def _flushes_tables(item: pytest.Item) -> bool:
    if item.get_closest_marker("browser") is not None:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker is not None and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser and other transactional tests last: their table flush would remove the
    catalogues for later tests."""
    items.sort(key=_flushes_tables)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (list totals, throttle histories)."""
    cache.clear()


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
    """A 系统管理员 (staff with the system administrator role): runs the platform."""
    return UserFactory(username="platform_staff", is_staff=True)


@pytest.fixture
def security_admin(catalogs):
    """The 安全管理员: grants and withdraws rights (三员分立)."""
    return UserFactory(username="security_admin", is_staff=True, admin_role=AdminRole.SECURITY)


@pytest.fixture
def audit_admin(catalogs):
    """The 审计管理员: reads the audit log and nothing else (三员分立)."""
    return UserFactory(username="audit_admin", is_staff=True, admin_role=AdminRole.AUDIT)


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
