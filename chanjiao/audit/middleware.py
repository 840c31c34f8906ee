"""Record each request's origin so services can audit without being handed the request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from chanjiao.audit.admin_changes import admin_actor
from chanjiao.audit.context import RequestOrigin, current_origin
from chanjiao.common.client_ip import client_ip as trusted_client_ip


def client_ip(request: HttpRequest) -> str | None:
    """Return the client address (X-Forwarded-For only from a trusted proxy: common.client_ip)."""
    return trusted_client_ip(request)


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
        # Inside the admin site every row written is audited (``audit.admin_changes``).
        user = getattr(request, "user", None)
        in_admin = request.path.startswith(_admin_prefix()) and bool(
            user is not None and user.is_authenticated
        )
        actor_token = admin_actor.set(user if in_admin else None)
        try:
            return self.get_response(request)
        finally:
            admin_actor.reset(actor_token)
            current_origin.reset(token)


def _admin_prefix() -> str:
    return reverse("admin:index")
