"""Web pages of the students app."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "students"

urlpatterns: list[URLPattern] = []
