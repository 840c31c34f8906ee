"""`chanjiao task_worker`: a task the database interrupts is retried with back-off, never lost."""

import datetime
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chanjiao.common.task_worker import ResilientWorker, retry_delay, task_requeue_stale
from chanjiao.common.tests.task_queue import worker_runs_the_queue
from chanjiao.common.tests.tasks_for_tests import failing_task, slow_database_task


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CHANJIAO_TASK_RETRY_BASE_SECONDS = 0
    settings.CHANJIAO_TASK_RETRY_MAX_SECONDS = 1


def test_the_back_off_doubles_up_to_its_cap(settings):
    settings.CHANJIAO_TASK_RETRY_BASE_SECONDS = 5
    settings.CHANJIAO_TASK_RETRY_MAX_SECONDS = 300
    assert [retry_delay(n) for n in range(1, 9)] == [5, 10, 20, 40, 80, 160, 300, 300]


@pytest.mark.django_db
def test_a_task_left_running_by_a_dead_worker_runs_again(
    database_queue, django_capture_on_commit_callbacks
):
    result = slow_database_task.enqueue(0)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=3)
    )
    recent = slow_database_task.enqueue(0)
    DBTaskResult.objects.get(pk=recent.id).claim("worker-still-running")
    assert task_requeue_stale(older_than=datetime.timedelta(hours=2)) == 1
    done = worker_runs_the_queue(django_capture_on_commit_callbacks)
    assert [(r.pk, r.status) for r in done] == [(row.pk, TaskResultStatus.SUCCESSFUL)]
    assert DBTaskResult.objects.get(pk=recent.id).status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_an_ordinary_error_still_fails_the_task(database_queue, django_capture_on_commit_callbacks):
    failing_task.enqueue()
    (done,) = worker_runs_the_queue(django_capture_on_commit_callbacks)
    assert done.status == TaskResultStatus.FAILED
    assert done.exception_class_path == "builtins.ValueError"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a connection is killed with pg_terminate_backend"
)
@pytest.mark.django_db(transaction=True)
def test_tasks_survive_the_database_connection_being_killed(database_queue, settings):
    settings.CHANJIAO_TASK_MAX_ATTEMPTS = 5
    ids = [str(slow_database_task.enqueue(1.5).id) for _ in range(3)]
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    errors: list[BaseException] = []

    def work() -> None:
        try:
            worker.run()
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    killed = 0
    deadline = time.monotonic() + 60
    while killed < 2 and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'SELECT pg_sleep%%' AND pid <> pg_backend_pid()"
            )
            killed += sum(1 for (ok,) in cursor.fetchall() if ok)
        time.sleep(0.2)
    # Batch mode ends once nothing is ready; a requeued task may still wait for its delay.
    thread.join(timeout=120)
    while DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists():
        worker.running = True
        worker.run()
    assert errors == []
    assert killed == 2
    rows = {str(r.pk): r for r in DBTaskResult.objects.filter(pk__in=ids)}
    assert {r.status for r in rows.values()} == {TaskResultStatus.SUCCESSFUL}
    runs = sorted(len(r.worker_ids) for r in rows.values())
    assert sum(runs) == 3 + killed  # each interrupted run ran again, none was lost


@pytest.mark.django_db
def test_only_database_faults_are_retried():
    import sqlite3

    from django.db.utils import InterfaceError, OperationalError

    from chanjiao.common.task_worker import is_database_fault

    def wrapped(cause: Exception) -> OperationalError:
        error = OperationalError(str(cause))
        error.__cause__ = cause
        return error

    assert is_database_fault(InterfaceError("connection already closed"))
    assert is_database_fault(OperationalError("terminating connection due to administrator"))
    assert is_database_fault(wrapped(sqlite3.OperationalError("database is locked")))
    assert not is_database_fault(wrapped(sqlite3.OperationalError("no such table: x")))
    assert not is_database_fault(ValueError("bad input"))
