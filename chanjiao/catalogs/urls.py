"""Web pages of the catalogues (filled in by the catalogue pages work)."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "catalogs"

_placeholder = TemplateView.as_view(template_name="web/home.html")

urlpatterns = [
    path("majors/", _placeholder, name="major-list"),
    path("occupations/", _placeholder, name="occupation-list"),
    path("industries/", _placeholder, name="industry-list"),
    path("regions/", _placeholder, name="region-list"),
]
