"""Web page routes of the reports app (mounted under /analytics/)."""

from django.urls import path, register_converter

from chanjiao.reports import views


class _FormatConverter:
    regex = "pdf|html"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_FormatConverter, "report_format")

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_index_page, name="index"),
    path(
        "reports/<str:locality_code>/<int:year>.<report_format:fmt>",
        views.report_download_page,
        name="yearly-report",
    ),
    path(
        "reports/<str:locality_code>/<int:year>-q<int:quarter>.<report_format:fmt>",
        views.report_download_page,
        name="bulletin-report",
    ),
    path("<str:locality_code>/", views.dashboard_page, name="dashboard"),
]
