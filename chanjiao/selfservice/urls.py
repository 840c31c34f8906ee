"""Web pages of the selfservice app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "selfservice"

urlpatterns: list[URLPattern] = []
