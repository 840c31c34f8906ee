"""Reads of the analytics count tables (helper R's dashboards and reports build on these)."""

from chanjiao.analytics.selectors.demand import (
    analytics_years,
    demand_history,
    demand_table,
    fill_state_list,
    supply_table,
)
from chanjiao.analytics.selectors.rows import DemandRow, SupplyDemandRow, SupplyRow
from chanjiao.analytics.selectors.supply_demand import supply_demand_table

__all__ = [
    "DemandRow",
    "SupplyDemandRow",
    "SupplyRow",
    "analytics_years",
    "demand_history",
    "demand_table",
    "fill_state_list",
    "supply_demand_table",
    "supply_table",
]
