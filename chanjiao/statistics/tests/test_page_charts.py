"""The statistics page's charts and paged table, over the rows the user may read."""

import pytest
from django.test import Client

from chanjiao.catalogs.models import Major
from chanjiao.common.tests.echarts_page import page_charts
from chanjiao.statistics.models import MajorYearStat

pytestmark = pytest.mark.django_db
PAGE = "/statistics/"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_years(wuzhou_school, shuangyashan_school):
    accounting, nursing = Major.objects.get(code="460103"), Major.objects.get(code="520201")
    for year, enrolled, graduates, employed, study in (
        (2024, 41, 30, 24, 3),
        (2025, 45, 40, 30, 6),
    ):
        MajorYearStat.objects.create(
            school=wuzhou_school,
            major=accounting,
            year=year,
            actual_enrollment=enrolled,
            graduates=graduates,
            employed=employed,
            further_study=study,
        )
    # Graduates without destinations: counted as graduates, left out of the rate.
    MajorYearStat.objects.create(
        school=wuzhou_school, major=nursing, year=2025, actual_enrollment=20, graduates=10
    )
    # Another city's school: never in the wuzhou school's sums.
    MajorYearStat.objects.create(
        school=shuangyashan_school, major=accounting, year=2025, actual_enrollment=99, graduates=99
    )
    return accounting, nursing


def test_charts_sum_the_visible_rows_by_year(school_admin, two_years):
    html = _client(school_admin).get(PAGE).content.decode()

    counts, rate, majors = page_charts(html)
    assert (counts.title, counts.unit) == ("各年度实际招生与毕业生人数", "人")
    assert counts.categories == ["2024年", "2025年"]
    assert counts.header == ["年度", "实际招生（人）", "毕业生（人）"]
    assert counts.rows == [["2024年", "41", "30"], ["2025年", "65", "50"]]
    assert (rate.title, rate.unit) == ("各年度毕业去向落实率", "%")
    assert rate.rows == [["2024年", "90"], ["2025年", "90"]]  # 27/30, 36/40
    assert majors.title == "2025年毕业生最多的专业"
    accounting, nursing = two_years
    assert majors.rows == [[accounting.name, "40", "36"], [nursing.name, "10", "—"]]
    assert 'src="/static/web/charts.js"' in html


def test_charts_follow_the_filters(staff_user, two_years):
    html = _client(staff_user).get(PAGE, {"region": "2305"}).content.decode()

    counts = page_charts(html)[0]
    assert counts.rows == [["2025年", "99", "99"]]


def test_without_rows_the_charts_say_why(school_admin):
    html = _client(school_admin).get(PAGE).content.decode()

    counts, rate = page_charts(html)
    assert counts.option is None
    assert "没有可以汇总的统计数据：请放宽筛选条件，或先导入统计数据。" in counts.html
    assert "学校导入统计数据后将显示在这里" in html


def test_the_table_is_paged(school_admin, wuzhou_school, monkeypatch):
    monkeypatch.setattr("chanjiao.statistics.views.PER_PAGE", 2)
    major = Major.objects.get(code="460103")
    for year in (2021, 2022, 2023):
        MajorYearStat.objects.create(school=wuzhou_school, major=major, year=year)

    first = _client(school_admin).get(PAGE).content.decode()
    second = _client(school_admin).get(PAGE, {"page": 2}).content.decode()

    assert "第 1 / 2 页，共 3 条" in first
    assert '<td class="nowrap">2023</td>' not in first
    assert '<td class="nowrap">2023</td>' in second
