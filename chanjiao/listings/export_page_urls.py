from django.urls import path

from chanjiao.listings import export_pages

app_name = "listing_export"
urlpatterns = [
    path("", export_pages.download, name="download"),
]
