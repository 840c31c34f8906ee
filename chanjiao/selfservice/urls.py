"""Web pages of the selfservice app (账号与安全), mounted at /account/."""

from django.urls import path

from chanjiao.selfservice import views

app_name = "selfservice"

urlpatterns = [
    path("", views.account, name="account"),
    path("password/", views.password_change_page, name="password-change"),
    path("password/reset/", views.PasswordResetRequestView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        views.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetFinishedView.as_view(),
        name="password-reset-finished",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetNewView.as_view(),
        name="password-reset-confirm",
    ),
    path("profile/", views.profile_page, name="profile"),
    path("logins/", views.logins_page, name="logins"),
    path("consents/", views.consents_page, name="consents"),
    path(
        "consents/<int:consent_id>/withdraw/",
        views.consent_withdraw_page,
        name="consent-withdraw",
    ),
    path("data/", views.data_page, name="data"),
    path("data/download/", views.data_download, name="data-download"),
    path("delete/", views.delete_page, name="delete"),
]
