"""Web page routes of the statistics app."""

from django.urls import path

from chanjiao.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="index"),
    path("template/<str:kind>.<str:file_format>", views.template_download, name="template"),
]
