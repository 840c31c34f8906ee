"""Web pages of the accounts app, mounted at /account/security/."""

from django.urls import URLPattern, path

from chanjiao.accounts import views

app_name = "accounts"

urlpatterns: list[URLPattern] = [
    path("", views.security_overview, name="security"),
    path("two-factor/setup/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/disable/", views.two_factor_disable, name="two-factor-disable"),
    path("two-factor/recovery-codes/", views.recovery_codes_new, name="recovery-codes"),
    path("password/expired/", views.password_change_expired, name="password-expired"),
]
