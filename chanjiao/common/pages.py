"""Helpers shared by the server-rendered pages of every app (paged lists and their links)."""

from django.http import HttpRequest


def querystring_without_page(request: HttpRequest) -> str:
    """Return the current query string minus ``page``, ending in ``&`` when not empty."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
