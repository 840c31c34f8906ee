"""Record each request's origin so services can audit without being handed the request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from chanjiao.audit.context import RequestOrigin, current_origin


def client_ip(request: HttpRequest) -> str | None:
    """Return the client address (REMOTE_ADDR; the proxy is expected to set it)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        origin = RequestOrigin(
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            path=request.path[:300],
        )
        token = current_origin.set(origin)
        try:
            return self.get_response(request)
        finally:
            current_origin.reset(token)
