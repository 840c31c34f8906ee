"""Every periodic job of the platform, declared in one place (STYLE §6).

`chanjiao run_periodic_tasks` enqueues the due ones; run it from cron (e.g. every 10 minutes)
or leave it running with ``--loop``.
"""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class PeriodicTask:
    task: str  # dotted path of a django-tasks Task
    every: timedelta
    description: str


PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask(
        task="chanjiao.listings.tasks.advance_listings_task",
        every=timedelta(hours=1),
        description="发布到期生效的信息，关闭过期信息",
    ),
)
