"""Reads of the analytics count tables (helper R's dashboards and reports build on these)."""

from chanjiao.analytics.selectors.demand import (
    aligned_years,
    analytics_year_sides,
    analytics_years,
    demand_history,
    demand_table,
    fill_state_list,
    supply_table,
    years_with_both_sides,
)
from chanjiao.analytics.selectors.rows import (
    ApportionmentNote,
    DemandRow,
    SupplyDemandRow,
    SupplyRow,
)
from chanjiao.analytics.selectors.supply_demand import apportionment_notes, supply_demand_table

__all__ = [
    "ApportionmentNote",
    "DemandRow",
    "SupplyDemandRow",
    "SupplyRow",
    "aligned_years",
    "apportionment_notes",
    "analytics_year_sides",
    "analytics_years",
    "demand_history",
    "demand_table",
    "fill_state_list",
    "supply_demand_table",
    "supply_table",
    "years_with_both_sides",
]
