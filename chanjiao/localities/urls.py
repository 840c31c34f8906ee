"""Web pages of the locality profiles (地区配置)."""

from django.urls import path

from chanjiao.localities import views

app_name = "localities"

urlpatterns = [
    path("", views.locality_list_page, name="locality-list"),
    path("<int:locality_id>/", views.locality_detail_page, name="locality-detail"),
    path("<int:locality_id>/document/", views.locality_document_page, name="locality-document"),
    path(
        "<int:locality_id>/parameters/<slug:key>/edit/",
        views.policy_parameter_edit_page,
        name="parameter-edit",
    ),
]
