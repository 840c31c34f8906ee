"""The task worker that survives database faults (`chanjiao task_worker`).

django-tasks-db's worker marks a task FAILED when it raises, and itself dies when the database is
gone while it looks for work, leaving the task it had claimed RUNNING for ever. Here a task that
fails because the database was unreachable or dropped its connection (``is_database_fault``) is
put back in the queue instead: the worker waits, with exponential back-off,
until the database answers again, then requeues the task to run after a growing delay; after
``CHANJIAO_TASK_MAX_ATTEMPTS`` runs it is marked FAILED like any other error. A task left RUNNING by
a worker that died is requeued when a worker starts or recovers from an outage. Every task the
platform queues is idempotent (recomputations, notices with a dedupe key), so running it again is
safe.
"""

import datetime
import logging
import sqlite3
import time

from django.conf import settings
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

logger = logging.getLogger(__name__)

CONNECTION_ERRORS = (OperationalError, InterfaceError)


def is_database_fault(error: BaseException) -> bool:
    """Is this the database being unreachable or dropping the connection (not a bug)?

    PostgreSQL reports those as OperationalError (connection lost, server shutting down, too many
    clients) or InterfaceError (connection closed). SQLite also uses OperationalError for a missing
    table or a bad statement; only its "database is locked" is a passing fault.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    if isinstance(error.__cause__, sqlite3.Error):
        return is_locked_database_exception(error)
    return True


def retry_delay(attempt: int) -> float:
    """Seconds before run ``attempt + 1`` after ``attempt`` runs failed on the database."""
    base = float(settings.CHANJIAO_TASK_RETRY_BASE_SECONDS)
    cap = float(settings.CHANJIAO_TASK_RETRY_MAX_SECONDS)
    return float(min(cap, base * 2 ** max(attempt - 1, 0)))


def task_requeue(result: DBTaskResult, error: BaseException) -> bool:
    """Put a task the database interrupted back in the queue; False when it has run too often."""
    attempts = len(result.worker_ids)
    if attempts >= settings.CHANJIAO_TASK_MAX_ATTEMPTS:
        return False
    delay = retry_delay(attempts)
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY,
        started_at=None,
        run_after=timezone.now() + datetime.timedelta(seconds=delay),
        exception_class_path=f"{type(error).__module__}.{type(error).__qualname__}",
        traceback=f"第 {attempts} 次运行时数据库连接中断，{delay:.0f} 秒后重试：{error}",
    )
    logger.warning(
        "Task id=%s interrupted by the database (%s); run %s again in %.0f s",
        result.pk,
        error,
        result.task_path,
        delay,
    )
    return True


def task_requeue_stale(*, older_than: datetime.timedelta) -> int:
    """Requeue tasks RUNNING for longer than ``older_than`` (their worker died); return how many."""
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    count = stale.update(status=TaskResultStatus.READY, started_at=None, run_after=timezone.now())
    if count:
        logger.warning("Requeued %s task(s) left running by a worker that stopped", count)
    return int(count)


class _Interrupted(Exception):  # noqa: N818  (a signal between two methods, not an error)
    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class ResilientWorker(Worker):
    """django-tasks-db's worker, with database faults retried instead of losing the task."""

    def run(self) -> None:
        while self.running:
            try:
                self._requeue_stale()
                super().run()
                return
            except CONNECTION_ERRORS as error:
                logger.warning("Database unreachable while looking for tasks: %s", error)
                self.database_wait()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        # The library records any exception with set_failed(); a database fault is turned into
        # an _Interrupted that leaves run_task, and the task goes back in the queue instead.
        record_failure = db_task_result.set_failed

        def set_failed(exc: BaseException) -> None:
            if is_database_fault(exc):
                raise _Interrupted(exc)
            record_failure(exc)

        db_task_result.set_failed = set_failed
        try:
            super().run_task(db_task_result)
        except _Interrupted as interrupted:
            self.database_wait()
            if not task_requeue(db_task_result, interrupted.error):
                record_failure(interrupted.error)

    def database_wait(self) -> None:
        """Return once the database answers again, waiting longer after each refusal."""
        delay = float(settings.CHANJIAO_TASK_RETRY_BASE_SECONDS)
        cap = float(settings.CHANJIAO_TASK_RETRY_MAX_SECONDS)
        while True:
            connections.close_all()
            try:
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
                return
            except CONNECTION_ERRORS as error:
                logger.warning("Database still unreachable (%s); next try in %.0f s", error, delay)
                time.sleep(delay)
                delay = min(cap, delay * 2)

    def _requeue_stale(self) -> None:
        task_requeue_stale(
            older_than=datetime.timedelta(seconds=settings.CHANJIAO_TASK_STALE_SECONDS)
        )
