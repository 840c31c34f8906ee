"""Web pages for supply and demand items (to be completed)."""

from django.http import HttpRequest, HttpResponse


def listing_detail(request: HttpRequest, kind: str, listing_id: int) -> HttpResponse:
    return HttpResponse("")
