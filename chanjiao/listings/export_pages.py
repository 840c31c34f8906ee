"""Web download of item lists as CSV or Excel; same parameters as the export API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from rest_framework.exceptions import ValidationError

from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.users import acting_user
from chanjiao.listings.api.export_views import export_file_response, export_request_parse
from chanjiao.listings.export_jobs import (
    export_job_create,
    export_job_get_for_user,
    export_needs_background,
)
from chanjiao.listings.exporting import ExportScope, listing_export
from chanjiao.listings.models import ExportJob
from chanjiao.listings.selectors import ListingFilters
from chanjiao.listings.tasks import export_job_run_task


@require_GET
def download(request: HttpRequest) -> HttpResponseBase:
    """Download the list the user is looking at; errors go back to that page as a message."""
    try:
        file_format, scope, filters = export_request_parse(request.GET)
    except ValidationError as exc:
        messages.error(request, f"导出失败：{_first_message(exc.detail)}")
        return _back(request)
    if scope != ExportScope.PUBLIC and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        if request.user.is_authenticated and export_needs_background(
            user=acting_user(request), scope=scope, filters=filters
        ):
            return _start_job(request, scope=scope, filters=filters, file_format=file_format)
        export = listing_export(
            user=request.user, scope=scope, filters=filters, file_format=file_format
        )
    except ApplicationError as exc:
        messages.error(request, f"导出失败：{exc.message}")
        return _back(request)
    return export_file_response(export)


def _start_job(
    request: HttpRequest, *, scope: str, filters: ListingFilters, file_format: str
) -> HttpResponseRedirect:
    job = export_job_create(
        user=acting_user(request), scope=scope, filters=filters, file_format=file_format
    )
    transaction.on_commit(lambda: export_job_run_task.enqueue(job_id=job.pk))
    return HttpResponseRedirect(reverse("listing_export:job", args=[job.pk]))


@login_required
@require_GET
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The state of one of the user's large exports; refreshes itself until the file is ready."""
    job = export_job_get_for_user(user=acting_user(request), job_id=job_id)
    waiting = job.status in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)
    response = render(request, "listings/export_job.html", {"job": job, "waiting": waiting})
    if waiting:
        response["Refresh"] = "5"
    return response


@login_required
@require_GET
def job_download(request: HttpRequest, job_id: int) -> HttpResponseBase:
    """The finished file, under its Chinese name."""
    job = export_job_get_for_user(user=acting_user(request), job_id=job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        return HttpResponseRedirect(reverse("listing_export:job", args=[job.pk]))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


def _first_message(detail: object) -> str:
    if isinstance(detail, dict):
        return _first_message(next(iter(detail.values()), ""))
    if isinstance(detail, list):
        return _first_message(detail[0] if detail else "")
    return str(detail)


def _back(request: HttpRequest) -> HttpResponseRedirect:
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe and reverse("listing_export:download") not in referer:
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect(reverse("web:home"))
