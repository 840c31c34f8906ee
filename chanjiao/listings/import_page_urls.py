from django.urls import path

from chanjiao.listings import import_pages

app_name = "listing_import"
urlpatterns = [
    path("", import_pages.upload, name="upload"),
    path("template/", import_pages.template, name="template"),
    path("errors/", import_pages.errors_download, name="errors"),
]
