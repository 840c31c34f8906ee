"""Fixtures of the recommender tests: localities loaded, a reviewer, items published."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Major, Occupation
from chanjiao.listings.tests.factories import listing_make
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.models import OrganizationType, SchoolMajor
from chanjiao.organizations.tests.factories import OrganizationFactory
from chanjiao.recommendations.candidates import indexes_forget
from chanjiao.recommendations.features import key_industries_clear
from chanjiao.students.models import StudentProfile


@pytest.fixture(autouse=True)
def _fresh_caches(catalogs):
    localities_load_default()
    key_industries_clear()
    indexes_forget()
    yield
    key_industries_clear()
    indexes_forget()


def major(code: str) -> Major:
    return Major.objects.get(system="vocational", catalog_version="2021", code=code)


@pytest.fixture
def machining_student(student):
    """The student persona, studying 机械制造及自动化 (460104, linked to 车工 by its standard)."""
    profile = StudentProfile.objects.get(user=student)
    profile.major = major("460104")
    profile.skills = "CAD制图、PLC编程"
    profile.save()
    return student


@pytest.fixture
def publish(staff_user):
    """Return a function that publishes an item through the listing services."""

    def _publish(kind, author, organization=None, **overrides):
        return listing_make(
            kind=kind,
            author=author,
            organization=organization,
            reviewer=staff_user,
            overrides=overrides,
        )

    return _publish


@pytest.fixture
def lathe_job(publish, recruiter, enterprise):
    """A 数控车工 post (6-18-01-01) in 万秀区 asking for 大专."""
    return publish("job", recruiter, enterprise, skills="CAD制图、数控编程")


@pytest.fixture
def institute(wuzhou):
    return OrganizationFactory(
        name="广西茶叶科学研究所",
        org_type=OrganizationType.RESEARCH_INSTITUTE,
        region=wuzhou,
        description="茶叶深加工与六堡茶发酵工艺研究",
    )


@pytest.fixture
def school_teacher(wuzhou_school):
    user = UserFactory(username="teacher", real_name="教师")
    MembershipFactory(user=user, organization=wuzhou_school, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def school_major(wuzhou_school):
    return SchoolMajor.objects.create(school=wuzhou_school, major=major("460104"), year=2025)


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)
