"""Web pages of the organizations app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "organizations"

urlpatterns: list[URLPattern] = []
