from django.urls import path

from chanjiao.listings.api import import_views

urlpatterns = [
    path("listings/imports/", import_views.ListingImportApi.as_view(), name="listing-imports"),
    path(
        "listings/import-template/",
        import_views.ListingImportTemplateApi.as_view(),
        name="listing-import-template",
    ),
]
