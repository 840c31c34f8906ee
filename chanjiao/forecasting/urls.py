"""Web page routes of the forecasting app (mounted under /forecasts/)."""

from django.urls import path

from chanjiao.forecasting import views

app_name = "forecasting"
urlpatterns = [
    path("", views.forecast_index_page, name="index"),
    path("<str:locality_code>/", views.forecast_locality_page, name="locality"),
    path("<str:locality_code>/technical/", views.forecast_technical_page, name="technical"),
    path("<str:locality_code>/compute/", views.forecast_compute_page, name="compute"),
]
