from django.urls import path

from chanjiao.listings.api import export_views

urlpatterns = [
    path("listings/export/", export_views.ListingExportApi.as_view(), name="listings-export"),
]
