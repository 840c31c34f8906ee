from django.urls import path

from chanjiao.listings import export_pages

app_name = "listing_export"
urlpatterns = [
    path("", export_pages.download, name="download"),
    path("jobs/<int:job_id>/", export_pages.job_status, name="job"),
    path("jobs/<int:job_id>/download/", export_pages.job_download, name="job-download"),
]
