"""Background entry points of the framework glue: keeping the task queue's history short."""

import datetime

from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task, task_backends
from django_tasks_db import DatabaseBackend

TASK_RESULTS_KEPT = datetime.timedelta(days=7)


@task()
def prune_task_results_task() -> int:
    """Delete the finished jobs' rows of the database queue older than a week; return how many."""
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return 0
    # The model is read on first use, like in chanjiao.common.jobs (this module loads with apps).
    from django_tasks_db.models import DBTaskResult

    finished = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
    old = DBTaskResult.objects.filter(
        status__in=finished, finished_at__lt=timezone.now() - TASK_RESULTS_KEPT
    )
    deleted, _ = old.delete()
    return deleted
