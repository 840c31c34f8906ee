from django.urls import path

from chanjiao.localities.api import views

urlpatterns = [
    path("localities/", views.LocalityListApi.as_view(), name="locality-list"),
    path(
        "localities/<int:locality_id>/",
        views.LocalityDetailApi.as_view(),
        name="locality-detail",
    ),
    path(
        "localities/<int:locality_id>/parameters/",
        views.PolicyParameterCreateApi.as_view(),
        name="locality-parameter-create",
    ),
    path(
        "localities/<int:locality_id>/parameters/<slug:key>/",
        views.PolicyParameterDetailApi.as_view(),
        name="locality-parameter-detail",
    ),
    path(
        "localities/<int:locality_id>/key-industries/",
        views.KeyIndustryCreateApi.as_view(),
        name="locality-key-industry-create",
    ),
    path(
        "localities/<int:locality_id>/key-industries/<int:key_industry_id>/",
        views.KeyIndustryDetailApi.as_view(),
        name="locality-key-industry-detail",
    ),
    path(
        "localities/<int:locality_id>/institutions/",
        views.NamedInstitutionCreateApi.as_view(),
        name="locality-institution-create",
    ),
    path(
        "localities/<int:locality_id>/institutions/<int:institution_id>/",
        views.NamedInstitutionDetailApi.as_view(),
        name="locality-institution-detail",
    ),
]
