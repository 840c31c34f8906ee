"""Web download of item lists as CSV or Excel; same parameters as the export API."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from rest_framework.exceptions import ValidationError

from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.api.export_views import export_file_response, export_request_parse
from chanjiao.listings.exporting import ExportScope, listing_export


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
        export = listing_export(
            user=request.user, scope=scope, filters=filters, file_format=file_format
        )
    except ApplicationError as exc:
        messages.error(request, f"导出失败：{exc.message}")
        return _back(request)
    return export_file_response(export)


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
