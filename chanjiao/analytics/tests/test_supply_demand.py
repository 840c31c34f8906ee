"""Supply counts and supply–demand tables: graduates and openings apportioned by the crosswalk."""

import pytest

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import SupplyCount, SupplyDemandCell
from chanjiao.analytics.selectors import analytics_years, supply_demand_table, supply_table
from chanjiao.analytics.tests.factories import graduates, post, region
from chanjiao.common.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _rows(by: str, **kwargs) -> dict[str, tuple]:
    rows = supply_demand_table(region=region("4504"), year=2025, by=by, public=False, **kwargs)
    return {row.code: (row.demand, row.supply, row.gap, row.ratio) for row in rows}


def test_supply_counts_graduates_schools_and_enrollment_up_the_regions(wuzhou_school, catalogs):
    graduates(school=wuzhou_school, major_code="460103", year=2025, count=40, enrollment=55)
    graduates(school=wuzhou_school, major_code="410107", year=2025, count=None, enrollment=None)

    analytics_fill()

    for code in ("450403", "4504", "45"):
        row = SupplyCount.objects.get(region=region(code), year=2025)
        assert (row.major.code, row.schools, row.graduates, row.enrollment) == ("460103", 1, 40, 55)
    assert [
        (r.code, r.graduates) for r in supply_table(region=region("4504"), year=2025, public=False)
    ] == [("460103", 40)]


def test_graduates_of_a_major_with_two_equal_links_are_split_in_half(wuzhou_school):
    # 620201 水文地质与工程地质勘查 prepares for 2-02-01-03 and 4-08-07-04 (weights 1 and 1).
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=40)

    analytics_fill()

    by_occupation = _rows("occupation")
    assert by_occupation == {
        "2-02-01-03": (0.0, 20.0, -20.0, 0.0),
        "4-08-07-04": (0.0, 20.0, -20.0, 0.0),
    }
    assert _rows("major") == {"620201": (0.0, 40.0, -40.0, 0.0)}


def test_openings_are_split_among_the_linked_majors(publisher, wuzhou_school):
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=40)
    # 2-02-01-03 is linked to 620201, 420103 and 420209: 30 openings → 10 each.
    post(**publisher, occupation_code="2-02-01-03", quantity=30)
    post(**publisher, occupation_code="6-02-06-10", quantity=8)  # only 410107
    post(**publisher, occupation_code="1-01-00-01", quantity=6)  # linked to no major
    post(**publisher, occupation_code=None, quantity=2)  # not classified

    analytics_fill()

    assert _rows("major") == {
        "620201": (10.0, 40.0, -30.0, 0.25),
        "420103": (10.0, 0.0, 10.0, None),
        "420209": (10.0, 0.0, 10.0, None),
        "410107": (8.0, 0.0, 8.0, None),
        "": (8.0, 0.0, 8.0, None),
    }
    occupations = _rows("occupation")
    assert occupations["2-02-01-03"] == (30.0, 20.0, 10.0, 1.5)
    assert occupations["4-08-07-04"] == (0.0, 20.0, -20.0, 0.0)
    assert occupations["1-01-00-01"] == (6.0, 0.0, 6.0, None)
    assert occupations[""] == (2.0, 0.0, 2.0, None)
    assert sum(v[0] for v in occupations.values()) == 46.0


def test_cells_exist_for_every_region_level_and_nothing_is_counted_twice(publisher, wuzhou_school):
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=40)
    post(**publisher, occupation_code="2-02-01-03", quantity=30)

    analytics_fill()
    analytics_fill(full=True)

    for code in ("450403", "4504", "45"):
        cells = SupplyDemandCell.objects.filter(region=region(code), year=2025, source="listings")
        assert cells.count() == 4
        assert sum(c.demand for c in cells) == 30.0
        assert sum(c.supply for c in cells) == 40.0
    assert analytics_years(region=region("4504")) == [2025]


def test_unknown_grouping_is_refused_in_chinese(catalogs):
    with pytest.raises(
        ApplicationError, match="分组方式 by 只能是 major（专业）或 occupation（职业）"
    ):
        supply_demand_table(region=region("4504"), year=2025, by="school", public=False)
