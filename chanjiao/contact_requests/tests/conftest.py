"""A school with two majors and its 信息员, the 梧州 enterprise's staff, bystanders, a request."""

import pytest
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Major
from chanjiao.contact_requests.tests.factories import ContactRequestFactory
from chanjiao.organizations.models import SchoolMajor


def vocational_major(code: str) -> Major:
    return Major.objects.get(system="vocational", catalog_version="2021", code=code)


@pytest.fixture
def cnc(catalogs):
    return vocational_major("460103")  # 数控技术


@pytest.fixture
def design(catalogs):
    return vocational_major("460101")  # 机械设计与制造


@pytest.fixture
def tea(catalogs):
    return vocational_major("410107")  # not offered by the school


@pytest.fixture
def school(wuzhou_school, cnc, design):
    SchoolMajor.objects.create(school=wuzhou_school, major=cnc, year=2024)
    SchoolMajor.objects.create(school=wuzhou_school, major=design, year=2025)
    wuzhou_school.contact_name = "招就处王老师"
    wuzhou_school.contact_phone = "07743800001"
    wuzhou_school.save()
    return wuzhou_school


@pytest.fixture
def school_officer(school):
    """The school's 信息员: answers requests."""
    user = UserFactory(username="school_officer", real_name="信息员老师")
    MembershipFactory(user=user, organization=school, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def school_reviewer(school):
    """A member of the school without the right to answer (its 审核员)."""
    user = UserFactory(username="school_reviewer", real_name="学校审核员")
    MembershipFactory(user=user, organization=school, role=Role.REVIEWER)
    return user


@pytest.fixture
def other_recruiter(other_enterprise):
    user = UserFactory(username="other_recruiter", real_name="外企专员")
    MembershipFactory(user=user, organization=other_enterprise, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def pending(enterprise, recruiter, school, cnc, this_year):
    return ContactRequestFactory(
        enterprise=enterprise,
        requested_by=recruiter,
        school=school,
        major=cnc,
        graduation_year=this_year,
    )


@pytest.fixture
def accepted(pending, school_officer):
    from chanjiao.contact_requests.services import contact_request_accept

    return contact_request_accept(
        actor=school_officer,
        request=pending,
        contact_name="王老师",
        contact_phone="13907740001",
        contact_email="wang@wzzy.edu.cn",
        contact_note="每周三可安排面试",
    )


@pytest.fixture
def other_school_officer(other_school):
    user = UserFactory(username="other_school_officer", real_name="外校信息员")
    MembershipFactory(user=user, organization=other_school, role=Role.ORG_ADMIN)
    return user


@pytest.fixture
def other_school(catalogs):
    from chanjiao.catalogs.models import Region
    from chanjiao.organizations.tests.factories import SchoolFactory

    return SchoolFactory(name="双鸭山职业技术学院", region=Region.objects.get(code="2305"))
