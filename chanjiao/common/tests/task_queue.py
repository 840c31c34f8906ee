"""Run the database task queue in a test the way `chanjiao task_worker` does."""

from typing import Any

from django_tasks_db.models import DBTaskResult

from chanjiao.common.task_worker import ResilientWorker


def worker_runs_the_queue(capture_on_commit: Any) -> list[DBTaskResult]:
    """Run every queued job as `chanjiao task_worker` does: claim it, run it, record the outcome.

    ``capture_on_commit`` is pytest-django's ``django_capture_on_commit_callbacks`` fixture, so
    the jobs' own on-commit hooks (e.g. enqueueing follow-up jobs) run as they would.
    """
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    done = []
    while (row := DBTaskResult.objects.ready().first()) is not None:
        with capture_on_commit(execute=True):
            row.claim(worker.worker_id)
            worker.run_task(row)
        row.refresh_from_db()
        done.append(row)
    return done
