"""Public tables hide cells about fewer than 5 people, and the cells that would give them back."""

import pytest

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.selectors import demand_table, supply_demand_table, supply_table
from chanjiao.analytics.suppression import suppress_flat, suppress_hierarchy
from chanjiao.analytics.tests.factories import graduates, post, region
from chanjiao.common.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _public(by: str) -> dict[str, int | None]:
    rows = demand_table(region=region("4504"), year=2025, by=by, public=True)
    return {row.code: row.openings for row in rows}


def _posts(publisher, openings: dict[str, int]) -> None:
    for code, quantity in openings.items():
        post(**publisher, occupation_code=code, quantity=quantity)
    analytics_fill()


def test_cell_of_four_is_hidden_and_cell_of_five_shown(publisher, localities):
    _posts(publisher, {"6-02-06-10": 4, "6-02-06-11": 4, "6-18-01-01": 5, "2-02-01-03": 30})

    assert _public("occupation") == {
        "6-18-01-01": 5,
        "2-02-01-03": 30,
        "6-02-06-10": None,
        "6-02-06-11": None,
    }
    hidden = [
        r
        for r in demand_table(region=region("4504"), year=2025, by="occupation", public=True)
        if r.suppressed
    ]
    assert [(r.code, r.openings, r.postings) for r in hidden] == [
        ("6-02-06-10", None, None),
        ("6-02-06-11", None, None),
    ]


def test_complementary_cell_is_hidden_when_a_total_would_give_the_small_one_back(
    publisher, localities
):
    _posts(publisher, {"6-02-06-10": 4, "6-02-06-11": 7, "6-18-01-01": 30})

    # 6-02 (食品、饮料生产加工人员) is published as 11: showing 7 would reveal the 4.
    assert _public("occupation_group") == {"6-02-00-00": 11, "6-18-00-00": 30}
    assert _public("occupation") == {"6-18-01-01": 30, "6-02-06-10": None, "6-02-06-11": None}


def test_children_of_a_hidden_parent_are_hidden(publisher, localities):
    _posts(publisher, {"6-02-06-10": 3, "6-18-01-01": 40, "2-02-01-03": 6})

    # 大类 6 = 43 and 2 = 6 are safe; inside 6, 中类 6-02 (3) is hidden and so must be 6-18.
    assert _public("occupation_major_group") == {"6-00-00-00": 43, "2-00-00-00": 6}
    assert _public("occupation_group") == {"2-02-00-00": 6, "6-02-00-00": None, "6-18-00-00": None}
    assert _public("occupation") == {"2-02-01-03": 6, "6-02-06-10": None, "6-18-01-01": None}


def test_officer_view_is_not_suppressed(publisher, localities):
    _posts(publisher, {"6-02-06-10": 4, "6-02-06-11": 7})

    rows = demand_table(region=region("4504"), year=2025, by="occupation", public=False)

    assert {(r.code, r.openings, r.suppressed) for r in rows} == {
        ("6-02-06-10", 4, False),
        ("6-02-06-11", 7, False),
    }


def test_public_tables_only_for_configured_localities(publisher, localities):
    _posts(publisher, {"6-18-01-01": 30})

    with pytest.raises(ApplicationError, match="万秀区（450403）不单独公开发布统计数据"):
        demand_table(region=region("450403"), year=2025, by="occupation", public=True)
    with pytest.raises(ApplicationError, match="广西壮族自治区（45）不单独公开发布"):
        demand_table(region=region("45"), year=2025, by="occupation", public=True)
    assert demand_table(region=localities["梧州市"], year=2025, by="occupation", public=True)


def test_supply_demand_hides_small_supply_and_its_complement(publisher, wuzhou_school, localities):
    graduates(school=wuzhou_school, major_code="620201", year=2025, count=6)  # 3 + 3
    post(**publisher, occupation_code="6-18-01-01", quantity=40)

    analytics_fill()

    table = supply_demand_table(region=region("4504"), year=2025, by="occupation", public=True)
    rows = {r.code: (r.demand, r.supply, r.suppressed) for r in table}

    assert rows == {
        "6-18-01-01": (40.0, 0.0, False),
        "2-02-01-03": (None, None, True),
        "4-08-07-04": (None, None, True),
    }
    by_major = supply_demand_table(region=region("4504"), year=2025, by="major", public=True)
    assert {r.code: r.suppressed for r in by_major}["620201"] is False
    supply = supply_table(region=region("4504"), year=2025, public=True)
    assert [(r.code, r.graduates) for r in supply] == [("620201", 6)]


@pytest.mark.parametrize(
    ("_case", "values", "hidden"),
    [
        ("nothing small", [10, 20, 5], [False, False, False]),
        ("one small cell takes the smallest other", [4, 20, 6], [True, False, True]),
        ("two small cells summing to 5 or more", [4, 3, 20], [True, True, False]),
        ("two small cells summing under 5 take a third", [1, 2, 20, 9], [True, True, False, True]),
        ("zeros are shown and never complements", [0, 3, 0, 8], [False, True, False, True]),
    ],
)
def test_complementary_rule(_case, values, hidden):
    assert suppress_flat([values]) == hidden


def test_hierarchy_rule_protects_every_level():
    values = {"A1": 4, "A2": 30, "B1": 50}
    levels = [lambda code: code[0], lambda code: code]

    assert suppress_hierarchy(values, levels) == {"A1", "A2"}
