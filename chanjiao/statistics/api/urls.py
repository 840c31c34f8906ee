"""API routes of the statistics app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.statistics.api import views

urlpatterns = [
    path(
        "statistics/major-years/",
        views.MajorYearStatListApi.as_view(),
        name="statistics-major-years",
    ),
    path(
        "statistics/major-years/import/",
        views.MajorYearStatImportApi.as_view(),
        name="statistics-major-years-import",
    ),
    path(
        "statistics/major-years/template/",
        views.MajorYearStatTemplateApi.as_view(),
        name="statistics-major-years-template",
    ),
    path(
        "statistics/application-outcomes/",
        views.ApplicationOutcomeListApi.as_view(),
        name="statistics-application-outcomes",
    ),
    path(
        "statistics/labor-market/",
        views.LaborMarketStatListApi.as_view(),
        name="statistics-labor-market",
    ),
    path(
        "statistics/labor-market/import/",
        views.LaborMarketStatImportApi.as_view(),
        name="statistics-labor-market-import",
    ),
    path(
        "statistics/labor-market/template/",
        views.LaborMarketStatTemplateApi.as_view(),
        name="statistics-labor-market-template",
    ),
]
