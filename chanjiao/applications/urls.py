"""Web pages of the applications app (投递), mounted at /applications/."""

from django.urls import path

from chanjiao.applications import views

app_name = "applications"

urlpatterns = [
    path("apply/<int:listing_id>/", views.apply_page, name="apply"),
    path("mine/", views.mine_page, name="mine"),
    path("received/", views.received_page, name="received"),
    path("<int:application_id>/", views.detail_page, name="detail"),
    path("<int:application_id>/transition/", views.transition_page, name="transition"),
    path("<int:application_id>/attachment/", views.attachment_download, name="attachment"),
]
