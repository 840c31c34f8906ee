"""API routes of the analytics app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.analytics.api import views

urlpatterns = [
    path("analytics/demand/", views.DemandTableApi.as_view(), name="analytics-demand"),
    path(
        "analytics/demand/export/", views.DemandExportApi.as_view(), name="analytics-demand-export"
    ),
    path("analytics/supply/", views.SupplyTableApi.as_view(), name="analytics-supply"),
    path(
        "analytics/supply-demand/",
        views.SupplyDemandTableApi.as_view(),
        name="analytics-supply-demand",
    ),
    path(
        "analytics/supply-demand/export/",
        views.SupplyDemandExportApi.as_view(),
        name="analytics-supply-demand-export",
    ),
    path("analytics/fill-state/", views.FillStateListApi.as_view(), name="analytics-fill-state"),
]
