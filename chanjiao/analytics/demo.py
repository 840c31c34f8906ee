"""Demonstration figures: the count tables filled from the demo listings and statistics."""

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.models import DemandCount, FillState, SupplyCount, SupplyDemandCell
from chanjiao.localities.models import Locality


def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Fill every count table from the rows already written (deterministic, idempotent)."""
    del locality, seed  # the tables follow from the demo rows; nothing random is added
    return {result.stat: result.rows_written for result in analytics_fill(full=True)}


def demo_remove() -> int:
    """Empty the count tables and their fill state; return the rows removed."""
    removed = 0
    for model in (SupplyDemandCell, DemandCount, SupplyCount, FillState):
        removed += model.objects.all().delete()[0]
    return removed
