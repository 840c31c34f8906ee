"""Where a report PDF's render job stands, in the words the waiting page shows.

A download of a PDF not stored yet queues ``render_report_pdf_task`` (joining the same job when
it is already queued or running). The waiting page then says whether the job waits its turn
(排队中, with how many jobs are ahead), runs (生成中), or failed (失败: what to do), and the
download starts once the PDF is stored (已完成).
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.utils import normalize_json
from django_tasks_db import DatabaseBackend

from chanjiao.reports.generators import ReportGenerator
from chanjiao.reports.services import report_pdf_job
from chanjiao.reports.tasks import render_report_pdf_task

# A failed render is reported as such for this long; a later download queues a fresh try.
FAILURE_SHOWN_FOR = timedelta(minutes=30)
# Only this many of the latest render jobs are looked through for the report's own.
RECENT_JOBS = 200


class PdfStage:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


STAGE_LABELS = {
    PdfStage.QUEUED: "排队中",
    PdfStage.RUNNING: "生成中",
    PdfStage.DONE: "已完成",
    PdfStage.FAILED: "失败",
}


@dataclass(frozen=True)
class PdfJobState:
    """The render job of one report as the waiting page tells it."""

    stage: str
    ahead: int = 0  # jobs queued before this one (while it waits)

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def is_waiting(self) -> bool:
        return self.stage in (PdfStage.QUEUED, PdfStage.RUNNING)


def _database_backend() -> bool:
    return isinstance(render_report_pdf_task.get_backend(), DatabaseBackend)


def pdf_job_latest(generator: ReportGenerator) -> TaskResult[Any] | None:
    """Return the report's most recent render job (any outcome), or None (immediate backend)."""
    if not _database_backend():
        return None
    from django_tasks_db.models import DBTaskResult  # the model is read on first use

    wanted = normalize_json({"args": [], "kwargs": report_pdf_job(generator)})
    rows = DBTaskResult.objects.filter(
        task_path=render_report_pdf_task.module_path, backend_name=render_report_pdf_task.backend
    ).order_by("-enqueued_at")[:RECENT_JOBS]
    for row in rows:
        if row.args_kwargs == wanted:
            # django-tasks-db's result class is django-tasks' own, typed through its compat layer
            return cast("TaskResult[Any]", row.task_result)
    return None


def _jobs_ahead(job: TaskResult[Any]) -> int:
    if not _database_backend() or job.enqueued_at is None:
        return 0
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().filter(enqueued_at__lt=job.enqueued_at).count()


def pdf_job_state(job: TaskResult[Any]) -> PdfJobState:
    """Tell where a render job stands: queued (and behind how many), running, done or failed."""
    if job.status == TaskResultStatus.READY:
        return PdfJobState(PdfStage.QUEUED, ahead=_jobs_ahead(job))
    if job.status == TaskResultStatus.RUNNING:
        return PdfJobState(PdfStage.RUNNING)
    if job.status == TaskResultStatus.FAILED:
        return PdfJobState(PdfStage.FAILED)
    return PdfJobState(PdfStage.DONE)


def pdf_job_failed_lately(job: TaskResult[Any] | None) -> bool:
    """Whether this job failed within ``FAILURE_SHOWN_FOR`` (older failures are retried)."""
    if job is None or job.status != TaskResultStatus.FAILED:
        return False
    finished = job.finished_at or job.last_attempted_at or job.enqueued_at
    return finished is not None and timezone.now() - finished < FAILURE_SHOWN_FOR
