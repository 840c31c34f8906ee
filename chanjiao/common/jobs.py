"""Long background jobs run once at a time: a second request while one waits or runs joins it.

A forecast recompute or a report render asked for twice (two clicks, two officers, the schedule
and a person) must not run twice side by side. ``enqueue_once`` returns the job already queued or
running with the same task and arguments instead of queueing another; ``single_flight_task``
declares a task whose every ``enqueue`` does so, so callers need not know.

Only the database backend keeps jobs waiting; the immediate backend (tests, the embedded default)
runs each job at once, so there is never one to join. Two enqueues racing in the same instant may
both queue: the jobs themselves are idempotent, and this guard is for the common case of a job
already waiting or running.
"""

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

from django_tasks import (
    DEFAULT_TASK_BACKEND_ALIAS,
    DEFAULT_TASK_QUEUE_NAME,
    TaskResult,
    TaskResultStatus,
)
from django_tasks.base import DEFAULT_TASK_PRIORITY, Task
from django_tasks.utils import normalize_json
from django_tasks_db import DatabaseBackend

P = ParamSpec("P")
T = TypeVar("T")

UNFINISHED = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def job_pending(task: Task[Any, Any], *args: Any, **kwargs: Any) -> TaskResult[Any] | None:
    """Return the queued or running job of this task with these arguments, if there is one."""
    if not isinstance(task.get_backend(), DatabaseBackend):
        return None
    # Tasks modules import this one, some of them while apps load: the model is read on first use.
    from django_tasks_db.models import DBTaskResult

    wanted = normalize_json({"args": args, "kwargs": kwargs})
    rows = DBTaskResult.objects.filter(
        task_path=task.module_path, backend_name=task.backend, status__in=UNFINISHED
    ).order_by("enqueued_at")
    for row in rows:
        if row.args_kwargs == wanted:
            # django-tasks-db's result class is django-tasks' own, typed through its compat layer
            return cast("TaskResult[Any]", row.task_result)
    return None


def enqueue_once(task: Task[P, T], *args: P.args, **kwargs: P.kwargs) -> TaskResult[T]:
    """Queue the job unless the same job (task and arguments) is queued or running; return it."""
    pending = job_pending(task, *args, **kwargs)
    if pending is not None:
        return pending
    return task.get_backend().enqueue(task, args, kwargs)


class SingleFlightTask(Task[P, T]):
    """A task whose ``enqueue`` joins the same job already queued or running (``enqueue_once``)."""

    __slots__ = ()

    def enqueue(self, *args: P.args, **kwargs: P.kwargs) -> TaskResult[T]:
        return enqueue_once(self, *args, **kwargs)


def single_flight_task(
    *,
    priority: int = DEFAULT_TASK_PRIORITY,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    backend: str = DEFAULT_TASK_BACKEND_ALIAS,
) -> Callable[[Callable[P, T]], Task[P, T]]:
    """Decorator like ``django_tasks.task()`` for a long job that must not run twice at once."""

    def wrapper(func: Callable[P, T]) -> Task[P, T]:
        return SingleFlightTask(
            func=func, priority=priority, queue_name=queue_name, backend=backend, run_after=None
        )

    return wrapper
