"""Web pages of the national catalogues."""

from django.urls import path

from chanjiao.catalogs import views

app_name = "catalogs"

urlpatterns = [
    path("majors/", views.major_list_page, name="major-list"),
    path("majors/<int:major_id>/", views.major_detail_page, name="major-detail"),
    path("occupations/", views.occupation_list_page, name="occupation-list"),
    path(
        "occupations/<int:occupation_id>/",
        views.occupation_detail_page,
        name="occupation-detail",
    ),
    path("industries/", views.industry_list_page, name="industry-list"),
    path("industries/<int:industry_id>/", views.industry_detail_page, name="industry-detail"),
    path("regions/", views.region_list_page, name="region-list"),
    path("regions/<int:region_id>/", views.region_detail_page, name="region-detail"),
]
