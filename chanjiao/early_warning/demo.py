"""Demonstration: load the shipped rules and evaluate the demo locality's recent years."""

from typing import Any

from django.db import transaction

from chanjiao.early_warning.models import WarningFlag, WarningResponse, WarningRun
from chanjiao.early_warning.services import (
    DEFAULT_RULES_FILE,
    warning_rules_load,
    warning_rules_read_file,
    warnings_evaluate,
)
from chanjiao.localities.models import Locality

DEMO_YEARS = (2023, 2024, 2025)


def _rules_of_existing_localities() -> dict[str, Any]:
    data = warning_rules_read_file(path=DEFAULT_RULES_FILE)
    names = set(Locality.objects.values_list("name", flat=True))
    return {**data, "rules": [r for r in data["rules"] if r["locality"] in names]}


def demo_write(*, locality: Locality, seed: int) -> dict[str, int]:
    """Load the rules (officer edits kept) and evaluate 2023—2025 for the locality; idempotent.

    The figures come from the statistics demo (same seed), so ``seed`` needs no use here: the
    evaluation is deterministic from them.
    """
    loaded = warning_rules_load(data=_rules_of_existing_localities())
    flags = 0
    runs = []
    for year in DEMO_YEARS:
        run = warnings_evaluate(locality=locality, year=year, actor=None, is_demo=True)
        runs.append(run.pk)
        flags = run.flags_raised
    # Earlier demo runs that no flag points to any more are dropped, so a rerun adds nothing.
    WarningRun.objects.filter(locality=locality, is_demo=True).exclude(pk__in=runs).exclude(
        pk__in=WarningFlag.objects.values("run_id")
    ).delete()
    return {
        "warning_rules_created": loaded.created,
        "warning_runs": WarningRun.objects.filter(locality=locality, is_demo=True).count(),
        "warning_flags": WarningFlag.objects.filter(locality=locality).count(),
        "warning_flags_latest_year": flags,
    }


@transaction.atomic
def demo_remove() -> int:
    """Delete the flags of demo schools or demo runs, then the demo runs; return the count."""
    flags = WarningFlag.objects.filter(school__is_demo=True) | WarningFlag.objects.filter(
        run__is_demo=True
    )
    ids = list(flags.values_list("pk", flat=True))
    removed = WarningResponse.objects.filter(flag_id__in=ids).delete()[0]
    removed += WarningFlag.objects.filter(pk__in=ids).delete()[0]
    demo_runs = WarningRun.objects.filter(is_demo=True).exclude(
        pk__in=WarningFlag.objects.values("run_id")
    )
    removed += demo_runs.delete()[0]
    return removed
