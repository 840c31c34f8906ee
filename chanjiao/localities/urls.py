"""Web pages of the locality profiles (filled in by the localities work)."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "localities"

urlpatterns = [
    path("", TemplateView.as_view(template_name="web/home.html"), name="locality-list"),
]
