from django.urls import path

from chanjiao.catalogs.api import views
from chanjiao.catalogs.api.views.suggest import CatalogSuggestApi

urlpatterns = [
    path("catalogs/suggest/<str:catalog>/", CatalogSuggestApi.as_view(), name="catalog-suggest"),
    path("majors/", views.MajorListApi.as_view(), name="major-list"),
    path("majors/<int:major_id>/", views.MajorDetailApi.as_view(), name="major-detail"),
    path("major-groups/", views.MajorGroupListApi.as_view(), name="major-group-list"),
    path(
        "major-groups/<int:group_id>/",
        views.MajorGroupDetailApi.as_view(),
        name="major-group-detail",
    ),
    path("industries/", views.IndustryListApi.as_view(), name="industry-list"),
    path(
        "industries/<int:industry_id>/", views.IndustryDetailApi.as_view(), name="industry-detail"
    ),
    path("occupations/", views.OccupationListApi.as_view(), name="occupation-list"),
    path(
        "occupations/<int:occupation_id>/",
        views.OccupationDetailApi.as_view(),
        name="occupation-detail",
    ),
    path("regions/", views.RegionListApi.as_view(), name="region-list"),
    path("regions/<int:region_id>/", views.RegionDetailApi.as_view(), name="region-detail"),
    path(
        "major-occupation-links/",
        views.MajorOccupationLinkListApi.as_view(),
        name="major-occupation-link-list",
    ),
]
