import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.organizations.tests.factories import SchoolFactory

MAJOR_YEARS_URL = "/api/v1/statistics/major-years/"
IMPORT_URL = "/api/v1/statistics/major-years/import/"
LABOR_URL = "/api/v1/statistics/labor-market/"
LABOR_IMPORT_URL = "/api/v1/statistics/labor-market/import/"


@pytest.fixture
def shuangyashan_school(shuangyashan):
    return SchoolFactory(name="双鸭山职业技术学院", region=shuangyashan)


@pytest.fixture
def school_info_officer(wuzhou_school):
    user = UserFactory(username="school_info")
    MembershipFactory(user=user, organization=wuzhou_school, role=Role.INFO_OFFICER)
    return user
