"""API of 账号与安全, included under /api/v1/."""

from django.urls import path

from chanjiao.selfservice.api import views

urlpatterns = [
    path("me/profile/", views.MeProfileUpdateApi.as_view(), name="selfservice-me-profile"),
    path("me/password/", views.MePasswordChangeApi.as_view(), name="selfservice-me-password"),
    path("me/logins/", views.MeLoginListApi.as_view(), name="selfservice-me-logins"),
    path("me/consents/", views.MeConsentListApi.as_view(), name="selfservice-me-consents"),
    path(
        "me/consents/<int:consent_id>/withdraw/",
        views.MeConsentWithdrawApi.as_view(),
        name="selfservice-me-consent-withdraw",
    ),
    path("me/data/", views.MeDataApi.as_view(), name="selfservice-me-data"),
    path("me/delete/", views.MeDeleteApi.as_view(), name="selfservice-me-delete"),
]
