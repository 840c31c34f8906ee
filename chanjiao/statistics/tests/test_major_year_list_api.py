import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from chanjiao.catalogs.models import Major
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.selectors import major_year_stats
from chanjiao.statistics.tests.conftest import MAJOR_YEARS_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def stats(wuzhou_school, shuangyashan_school):
    numerical, computing = Major.objects.get(code="460103"), Major.objects.get(code="510201")
    rows = [
        (wuzhou_school, numerical, 2023),
        (wuzhou_school, numerical, 2024),
        (wuzhou_school, computing, 2024),
        (shuangyashan_school, numerical, 2024),
    ]
    return [
        MajorYearStat.objects.create(school=s, major=m, year=y, actual_enrollment=40)
        for s, m, y in rows
    ]


def _ids(response):
    assert response.status_code == 200, response.json()
    return sorted(item["id"] for item in response.json()["results"])


@pytest.mark.parametrize(
    ("persona", "visible"),
    [
        ("school_admin", [0, 1, 2]),
        ("school_info_officer", [0, 1, 2]),
        ("wuzhou_officer", [0, 1, 2]),
        ("shuangyashan_officer", [3]),
        ("staff_user", [0, 1, 2, 3]),
        ("student", []),
        ("recruiter", []),
        ("outsider", []),
    ],
)
def test_visibility(persona, visible, request, client_for, stats):
    response = client_for(request.getfixturevalue(persona)).get(MAJOR_YEARS_URL)

    assert _ids(response) == sorted(stats[i].pk for i in visible)


def test_anonymous_is_refused(stats):
    response = APIClient().get(MAJOR_YEARS_URL)

    assert response.status_code == 403
    assert "results" not in response.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2024", [1, 2, 3]),
        ("major=460103", [0, 1, 3]),
        ("region=4504", [0, 1, 2]),
        ("region=450403", [0, 1, 2]),
        ("region=2305", [3]),
        ("major=510201&year=2024", [2]),
    ],
)
def test_filters(query, expected, client_for, staff_user, stats):
    response = client_for(staff_user).get(f"{MAJOR_YEARS_URL}?{query}")

    assert _ids(response) == sorted(stats[i].pk for i in expected)


def test_school_filter(client_for, staff_user, stats, shuangyashan_school):
    response = client_for(staff_user).get(f"{MAJOR_YEARS_URL}?school={shuangyashan_school.pk}")

    assert _ids(response) == [stats[3].pk]


def test_output_fields(client_for, school_admin, stats):
    stats[1].graduates, stats[1].employed, stats[1].further_study = 40, 30, 6
    stats[1].save()

    response = client_for(school_admin).get(f"{MAJOR_YEARS_URL}?year=2024&major=460103")

    item = response.json()["results"][0]
    assert (item["school_name"], item["major_code"], item["region_code"]) == (
        "梧州职业学院",
        "460103",
        "450403",
    )
    assert item["employment_rate"] == pytest.approx(0.9)


def test_query_count_does_not_grow_with_rows(client_for, staff_user, stats, shuangyashan_school):
    client = client_for(staff_user)
    with CaptureQueriesContext(connection) as few:
        client.get(MAJOR_YEARS_URL)
    for year in (2019, 2020, 2021, 2022):
        MajorYearStat.objects.create(school=shuangyashan_school, major=stats[0].major, year=year)

    with CaptureQueriesContext(connection) as more:
        response = client.get(MAJOR_YEARS_URL)

    assert response.json()["count"] == 8
    assert len(more.captured_queries) == len(few.captured_queries)


def test_selector_region_includes_sub_regions(stats, wuzhou):
    assert set(major_year_stats(region=wuzhou)) == set(stats[:3])
    assert list(major_year_stats(region="2305", years=[2024])) == [stats[3]]
    assert list(major_year_stats(major_ids=[stats[2].major_id])) == [stats[2]]
