"""API routes of the forecasting app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.forecasting.api import views

urlpatterns = [
    path("forecasts/", views.ForecastLocalityListApi.as_view(), name="forecast-list"),
    path(
        "forecasts/<str:locality_code>/",
        views.ForecastDetailApi.as_view(),
        name="forecast-detail",
    ),
    path(
        "forecasts/<str:locality_code>/shortage/",
        views.ForecastShortageListApi.as_view(),
        name="forecast-shortage",
    ),
    path(
        "forecasts/<str:locality_code>/compute/",
        views.ForecastComputeApi.as_view(),
        name="forecast-compute",
    ),
]
