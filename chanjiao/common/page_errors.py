"""Domain errors raised under a web page become the matching HTTP error page, never a 500."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

from chanjiao.common.exceptions import ApplicationError, NotFoundError, PermissionDeniedError


class DomainErrorPageMiddleware:
    """Map NotFoundError to 404, PermissionDeniedError to 403 and other refusals to 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFoundError):
            raise Http404(exception.message) from exception
        if isinstance(exception, PermissionDeniedError):
            raise PermissionDenied(exception.message) from exception
        body = render_to_string("web/error.html", {"message": exception.message}, request=request)
        return HttpResponseBadRequest(body)
