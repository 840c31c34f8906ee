"""API routes of the reports app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.reports.api import views

urlpatterns = [
    path(
        "analytics/reports/<str:locality_code>/<int:year>/",
        views.ReportDataApi.as_view(),
        name="analytics-report-data",
    ),
]
