"""Background entry points of the early_warning app."""

from django_tasks import task

from chanjiao.early_warning.models import WarningRule
from chanjiao.early_warning.selectors import latest_statistics_year
from chanjiao.early_warning.services import warnings_evaluate
from chanjiao.localities.models import Locality


@task()
def evaluate_warnings_task(*, year: int | None = None) -> int:
    """Evaluate every locality with active rules for the year (default: its latest statistics)."""
    localities = Locality.objects.filter(
        pk__in=WarningRule.objects.filter(is_active=True).values("locality_id")
    ).select_related("region")
    flags = 0
    for locality in localities:
        target = year or latest_statistics_year(locality=locality)
        if target is None:
            continue
        flags += warnings_evaluate(locality=locality, year=target, actor=None).flags_raised
    return flags
