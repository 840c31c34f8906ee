from django.urls import URLPattern, URLResolver, path

from chanjiao.contact_requests.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("contact-requests/", views.ContactRequestCreateApi.as_view(), name="contact-requests"),
    path(
        "contact-requests/sent/",
        views.ContactRequestSentListApi.as_view(),
        name="contact-requests-sent",
    ),
    path(
        "contact-requests/received/",
        views.ContactRequestReceivedListApi.as_view(),
        name="contact-requests-received",
    ),
    path(
        "contact-requests/received/cohorts/",
        views.ContactRequestCohortListApi.as_view(),
        name="contact-requests-cohorts",
    ),
    path(
        "contact-requests/<int:request_id>/",
        views.ContactRequestDetailApi.as_view(),
        name="contact-request-detail",
    ),
    path(
        "contact-requests/<int:request_id>/transitions/",
        views.ContactRequestTransitionApi.as_view(),
        name="contact-request-transitions",
    ),
]
