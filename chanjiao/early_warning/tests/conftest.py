"""Fixtures for the warning tests: the shipped localities and rules, schools, figures."""

from typing import Any

import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Major, Region
from chanjiao.early_warning.models import WarningRule
from chanjiao.early_warning.services import warning_rules_load_default
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.models import SchoolMajor
from chanjiao.organizations.tests.factories import SchoolFactory
from chanjiao.statistics.models import MajorYearStat

FLAGS_URL = "/api/v1/warnings/flags/"
RUNS_URL = "/api/v1/warnings/runs/"


@pytest.fixture
def localities(catalogs) -> dict[str, Locality]:
    localities_load_default()
    return {item.name: item for item in Locality.objects.select_related("region")}


@pytest.fixture
def wz(localities) -> Locality:
    return localities["梧州市"]


@pytest.fixture
def rules(localities) -> None:
    warning_rules_load_default()


@pytest.fixture
def officer(wuzhou_officer, client_for) -> Any:
    return client_for(wuzhou_officer)


@pytest.fixture
def staff(staff_user, client_for) -> Any:
    return client_for(staff_user)


@pytest.fixture
def other_school(wuzhou) -> Any:
    return SchoolFactory(name="梧州医学高等专科学校", region=Region.objects.get(code="4504"))


@pytest.fixture
def other_school_admin(other_school) -> Any:
    user = UserFactory(username="other_school_admin")
    MembershipFactory(user=user, organization=other_school, role=Role.ORG_ADMIN)
    return user


def only_rules(*keys: str) -> None:
    """Keep just these rules active (test setup)."""
    WarningRule.objects.exclude(key__in=keys).update(is_active=False)
    WarningRule.objects.filter(key__in=keys).update(is_active=True)


def major(code: str) -> Major:
    return Major.objects.get(code=code, is_active=True)


def stats(school: Any, code: str, by_year: dict[int, dict[str, Any] | int]) -> None:
    """Write MajorYearStat rows; an int value is the actual enrollment of that year."""
    for year, values in by_year.items():
        fields = {"actual_enrollment": values} if isinstance(values, int) else values
        MajorYearStat.objects.update_or_create(
            school=school, major=major(code), year=year, defaults=fields
        )


def employment(graduates: int, employed: int, **more: Any) -> dict[str, Any]:
    """The figures of a year with graduates: employed includes nobody in further study."""
    return {"graduates": graduates, "employed": employed, "further_study": 0, **more}


def offer(school: Any, code: str, year: int) -> None:
    SchoolMajor.objects.get_or_create(school=school, major=major(code), year=year)


def evaluate(client: Any, year: int = 2025, locality: str = "梧州市") -> dict[str, Any]:
    response = client.post(RUNS_URL, {"locality": locality, "year": year}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def flags(client: Any, **params: Any) -> list[dict[str, Any]]:
    response = client.get(FLAGS_URL, {"page_size": 200, **params})
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def flagged(client: Any, **params: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """Return the flags keyed by (school name, major code)."""
    return {(f["school"], f["major"]["code"]): f for f in flags(client, **params)}
