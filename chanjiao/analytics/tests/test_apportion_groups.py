"""人社 demand coded at 中类 / 小类 level, apportioned to majors through the rolled-up crosswalk.

The crosswalk links majors to 细类. A 中类 (or 小类) row's openings go to the majors linked to
occupations inside it, each in proportion to the sum of its link weights there (official
links weigh 1, or 0.5 when expanded from a 小类): with the shipped catalogue, 林业生产人员
5-02-00-00 holds 610201 林业技术 linked to four of its occupations (weight 4) and 650401 linked
to one by expansion (weight 0.5), so 900 openings give 800 and 100.
"""

import pytest

from chanjiao.analytics.aggregate import occupation_ancestors
from chanjiao.analytics.crosswalk import links_for_occupations
from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import DemandCount, SupplyDemandCell
from chanjiao.analytics.selectors import (
    aligned_years,
    analytics_year_sides,
    apportionment_notes,
    supply_demand_table,
)
from chanjiao.analytics.tests.factories import graduates, labor, region

pytestmark = pytest.mark.django_db


def _cells(year: int = 2025) -> dict[tuple[str, str | None], float]:
    cells = SupplyDemandCell.objects.filter(
        region=region("4504"), year=year, source="labor_market", demand__gt=0
    ).select_related("major")
    return {(c.occupation_code, c.major.code if c.major else None): c.demand for c in cells}


def test_sub_major_group_demand_is_apportioned_by_linked_occupations(catalogs):
    labor(region_code="4504", year=2025, occupation_code="5-02-00-00", demand=900, seekers=300)

    analytics_fill()

    assert _cells() == {
        ("5-02-00-00", "610201"): 800.0,  # weight 4: four 林业 occupations
        ("5-02-00-00", "650401"): 100.0,  # weight 0.5: one link expanded from a 小类
    }
    by_major = {
        r.code: r.demand
        for r in supply_demand_table(
            region=region("4504"), year=2025, by="major", public=False, source="labor_market"
        )
    }
    assert by_major == {"610201": 800.0, "650401": 100.0}  # nothing left under 无对应专业


def test_minor_group_demand_is_apportioned_and_totals_are_kept(catalogs):
    # 记者 2-10-01-00: 560205 and 360101 are linked to both its occupations, 560212 to one.
    labor(region_code="4504", year=2025, occupation_code="2-10-01-00", demand=50)

    analytics_fill()

    assert _cells() == {
        ("2-10-01-00", "560205"): 20.0,
        ("2-10-01-00", "360101"): 20.0,
        ("2-10-01-00", "560212"): 10.0,
    }


def test_shares_of_a_large_group_follow_the_rolled_up_weights_and_add_up(catalogs):
    # 卫生专业技术人员 2-05-00-00: dozens of majors; 1,967 openings as in the 梧州 table.
    labor(region_code="4504", year=2025, occupation_code="2-05-00-00", demand=1967)

    analytics_fill()

    links = links_for_occupations(["2-05-00-00"])
    total_weight = sum(weight for _major, _code, weight in links)
    cells = dict(
        SupplyDemandCell.objects.filter(region=region("4504"), year=2025).values_list(
            "major_id", "demand"
        )
    )
    assert len(cells) == len(links) > 10
    assert None not in cells
    for major_id, _code, weight in links:
        assert cells[major_id] == pytest.approx(1967 * weight / total_weight, abs=1e-6)
    # Conserved: each cell is kept to 6 decimals, so the sum is off by less than 1e-6 per major.
    assert sum(cells.values()) == pytest.approx(1967, abs=1e-6 * len(cells))


def test_a_group_without_linked_majors_stays_under_no_major(catalogs):
    labor(region_code="4504", year=2025, occupation_code="2-99-00-00", demand=40)
    labor(region_code="4504", year=2025, occupation_code="5-02-00-00", demand=9)

    analytics_fill()

    cells = _cells()
    assert cells[("2-99-00-00", None)] == 40.0
    assert sum(v for (code, _m), v in cells.items() if code == "5-02-00-00") == pytest.approx(9)
    notes = {
        n.code: n for n in apportionment_notes(region="4504", year=2025, source="labor_market")
    }
    assert notes["5-02-00-00"].majors == 2
    assert notes["5-02-00-00"].text == (
        "中类 5-02-00-00 林业生产人员：关联 2 个专业，"
        "按各专业在该中类下关联的细类数（对应强度加权）分摊"
    )
    assert notes["2-99-00-00"].majors == 0
    assert "无关联专业，需求计入“无对应专业”" in notes["2-99-00-00"].text


def test_occupation_level_rows_keep_matching_exactly(catalogs):
    # A 细类 is not rolled up: its own links only (2-10-01-02: 560205, 560212, 360101).
    labor(region_code="4504", year=2025, occupation_code="2-10-01-02", demand=30)

    analytics_fill()

    assert _cells() == {
        ("2-10-01-02", "560205"): 10.0,
        ("2-10-01-02", "560212"): 10.0,
        ("2-10-01-02", "360101"): 10.0,
    }


def test_subtotal_rows_of_a_labor_table_are_not_counted_twice(catalogs):
    # A table listing a 大类, one of its 中类 and its total: the 大类 is the sum of its 中类.
    labor(region_code="4504", year=2025, demand=500, seekers=400)
    labor(region_code="4504", year=2025, occupation_code="5-00-00-00", demand=300, seekers=100)
    labor(region_code="4504", year=2025, occupation_code="5-02-00-00", demand=200, seekers=90)

    analytics_fill()

    rows = DemandCount.objects.filter(region=region("4504"), source="labor_market")
    assert set(rows.values_list("occupation_code", "openings", "jobseekers")) == {
        ("5-02-00-00", 200, 90),
        ("5-00-00-00", 100, 10),  # what the listed 中类 leave of the 大类
        ("", 200, 300),  # what the 大类 leaves of the total
    }
    assert sum(rows.values_list("openings", flat=True)) == 500


def test_occupation_ancestors_nearest_first():
    assert occupation_ancestors("6-18-01-01") == ["6-18-01-00", "6-18-00-00", "6-00-00-00"]
    assert occupation_ancestors("6-18-01-00") == ["6-18-00-00", "6-00-00-00"]
    assert occupation_ancestors("6-18-00-00") == ["6-00-00-00"]
    assert occupation_ancestors("6-00-00-00") == []
    assert occupation_ancestors("") == []


def test_aligned_years_need_both_demand_and_graduates(wuzhou_school):
    graduates(school=wuzhou_school, major_code="610201", year=2024, count=30)
    graduates(school=wuzhou_school, major_code="610201", year=2025, count=30)
    labor(region_code="4504", year=2025, occupation_code="5-02-00-00", demand=90)
    labor(region_code="4504", year=2026, occupation_code="5-02-00-00", demand=90)

    analytics_fill()

    assert analytics_year_sides(region="4504") == {
        2024: {"supply"},
        2025: {"labor_market", "supply"},
        2026: {"labor_market"},
    }
    assert aligned_years(region="4504") == [2025]
    assert aligned_years(region="4504", source="listings") == []
    rows = supply_demand_table(
        region=region("4504"), year=2025, by="major", public=False, source="labor_market"
    )
    assert {r.code: (r.demand, r.supply) for r in rows}["610201"] == (80.0, 30.0)
