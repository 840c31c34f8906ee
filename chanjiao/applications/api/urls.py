from django.urls import path

from chanjiao.applications.api import views

urlpatterns = [
    path("applications/", views.ApplicationCreateApi.as_view(), name="applications"),
    path("applications/mine/", views.MyApplicationListApi.as_view(), name="applications-mine"),
    path(
        "applications/received/",
        views.ReceivedApplicationListApi.as_view(),
        name="applications-received",
    ),
    path(
        "applications/<int:application_id>/",
        views.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<int:application_id>/transitions/",
        views.ApplicationTransitionApi.as_view(),
        name="application-transitions",
    ),
]
