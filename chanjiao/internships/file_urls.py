"""The placements' file pages, included by the app's web urls (namespace ``internships``)."""

from django.urls import path

from chanjiao.internships import file_pages

urlpatterns = [
    path("import/", file_pages.import_page, name="import"),
    path("import/template/", file_pages.import_template, name="import_template"),
    path("import/errors/", file_pages.import_errors, name="import_errors"),
    path("export/", file_pages.export, name="export"),
]
