"""A school with two majors, its 信息员, another school and its 信息员, and a sign-up's input."""

import pytest
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Major, Region
from chanjiao.organizations.models import SchoolMajor
from chanjiao.organizations.tests.factories import SchoolFactory


def vocational_major(code: str) -> Major:
    return Major.objects.get(system="vocational", catalog_version="2021", code=code)


@pytest.fixture
def cnc(catalogs):
    return vocational_major("460103")  # 数控技术


@pytest.fixture
def design(catalogs):
    return vocational_major("460101")  # 机械设计与制造


@pytest.fixture
def school(wuzhou_school, cnc, design):
    SchoolMajor.objects.create(school=wuzhou_school, major=cnc, year=2024)
    SchoolMajor.objects.create(school=wuzhou_school, major=design, year=2025)
    return wuzhou_school


@pytest.fixture
def officer(school):
    """The school's 信息员."""
    user = UserFactory(username="school_officer", real_name="信息员老师")
    MembershipFactory(user=user, organization=school, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def other_school(catalogs):
    return SchoolFactory(name="双鸭山职业技术学院", region=Region.objects.get(code="2305"))


@pytest.fixture
def other_officer(other_school):
    user = UserFactory(username="other_officer", real_name="外校信息员")
    MembershipFactory(user=user, organization=other_school, role=Role.ORG_ADMIN)
    return user


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def signup(school, this_year):
    """What a student types to sign up (the API's field names; the page adds 确认密码)."""
    return {
        "username": "li_ming",
        "password": "Qiao-Lian-2026!",
        "email": "liming@example.cn",
        "real_name": "李明",
        "phone": "13900001111",
        "school": "梧州职业学院",
        "major": "数控技术",
        "status": "student",
        "graduation_year": this_year + 1,
        "enrollment_year": this_year - 2,
        "student_number": "2024001",
    }
