"""Which periodic jobs are due: the last run of each is kept in the database (PeriodicRun).

`chanjiao run_periodic_tasks` (cron, or ``--loop``) claims the due jobs under a row lock, so two
runners never start the same job twice; work that computed a job's results by other means (the
demonstration data) records it, so the schedule does not redo it at once.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from django.db import transaction
from django.utils import timezone

from chanjiao.common.models import PeriodicRun


class Periodic(Protocol):
    @property
    def task(self) -> str: ...

    @property
    def every(self) -> datetime.timedelta: ...


P = TypeVar("P", bound=Periodic)


def periodic_claim_due(
    *, jobs: Sequence[P], now: datetime.datetime | None = None, force: bool = False
) -> list[P]:
    """Return the jobs never run or last run at least their interval ago, marked as run now."""
    now = now or timezone.now()
    due: list[P] = []
    with transaction.atomic():
        for job in jobs:
            run, _ = PeriodicRun.objects.select_for_update().get_or_create(task=job.task)
            last = run.last_started_at
            if force or last is None or now - last >= job.every:
                run.last_started_at, run.source = now, "schedule"
                run.save(update_fields=["last_started_at", "source"])
                due.append(job)
    return due


def periodic_runs_record(
    *, tasks: Iterable[str], source: str, now: datetime.datetime | None = None
) -> None:
    """Record that these jobs' results were just computed (by ``source``, e.g. "demo")."""
    now = now or timezone.now()
    with transaction.atomic():
        for task in tasks:
            PeriodicRun.objects.update_or_create(
                task=task, defaults={"last_started_at": now, "source": source}
            )
