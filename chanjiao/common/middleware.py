"""Accept API paths with or without the trailing slash, without a redirect."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve


class ApiOptionalSlashMiddleware:
    """``/api/v1/majors`` answers like ``/api/v1/majors/``: clients need not follow a redirect."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith("/api/") and not path.endswith("/"):
            try:
                resolve(path)
            except Resolver404:
                try:
                    resolve(path + "/")
                    request.path_info = path + "/"
                except Resolver404:
                    pass
        return self.get_response(request)
