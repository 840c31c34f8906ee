"""Large exports as background jobs: the page asks, the worker writes the file, the owner downloads.

An export of more than ``BACKGROUND_ROWS`` rows asked for by a signed-in user is not written
inside the request (docs/architecture.md, "Nothing long runs inside a request"): the page records
an ``ExportJob`` and enqueues ``export_job_run_task`` after commit, then shows a status page that
refreshes itself until the file is stored. The file keeps its Chinese name for the download.
"""

import datetime

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.listings.exporting import export_queryset, listing_export
from chanjiao.listings.models import ExportJob
from chanjiao.listings.selectors import ListingFilters

BACKGROUND_ROWS = 2_000


def export_needs_background(
    *, user: User, scope: str, filters: ListingFilters, limit: int | None = None
) -> bool:
    """Tell whether this export is large enough to be written by the worker."""
    limit = BACKGROUND_ROWS if limit is None else limit
    queryset = export_queryset(user=user, scope=scope, filters=filters)
    return queryset[: limit + 1].count() > limit


def _filters_json(filters: ListingFilters) -> dict[str, object]:
    data: dict[str, object] = {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in filters.__dict__.items()
        if value not in (None, "")
    }
    return data


def _filters_from_json(data: dict[str, object]) -> ListingFilters:
    values = dict(data)
    since = values.get("published_since")
    if isinstance(since, str):
        values["published_since"] = datetime.date.fromisoformat(since)
    return ListingFilters.from_mapping(values)


def export_job_create(
    *, user: User, scope: str, filters: ListingFilters, file_format: str
) -> ExportJob:
    """Record an export to be written by the worker (the caller enqueues it after commit)."""
    export_queryset(user=user, scope=scope, filters=filters)  # refuses (and audits) first
    return ExportJob.objects.create(
        user=user, scope=scope, file_format=file_format, filters=_filters_json(filters)
    )


def export_job_run(*, job_id: int) -> ExportJob:
    """Write the job's file as its owner would see the rows; store it or the reason it failed."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().select_related("user").get(pk=job_id)
        if job.status != ExportJob.Status.QUEUED:
            return job
        job.status = ExportJob.Status.RUNNING
        job.save(update_fields=["status", "updated_at"])
    try:
        export = listing_export(
            user=job.user,
            scope=job.scope,
            filters=_filters_from_json(job.filters),
            file_format=job.file_format,
        )
    except ApplicationError as error:
        job.status, job.message = ExportJob.Status.FAILED, error.message[:500]
    else:
        with export.file:
            job.file.save(export.ascii_filename, File(export.file), save=False)
        job.filename, job.rows = export.filename, export.stats.rows
        job.status = ExportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


def export_job_get_for_user(*, user: User, job_id: int) -> ExportJob:
    """Return one of the user's own export jobs, or raise NotFoundError."""
    job = ExportJob.objects.filter(pk=job_id, user=user).first()
    if job is None:
        raise NotFoundError("导出任务不存在或您无权查看。")
    return job
