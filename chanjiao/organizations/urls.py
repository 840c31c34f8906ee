"""Web pages of the organizations app (mounted at /org/)."""

from django.urls import URLPattern, path

from chanjiao.organizations import views

app_name = "organizations"

urlpatterns: list[URLPattern] = [
    path("register/", views.register_page, name="register"),
    path("verification/", views.verification_queue_page, name="verification-queue"),
    path(
        "verification/<int:organization_id>/<str:action>/",
        views.verification_decide,
        name="verification-decide",
    ),
    path("government/", views.government_page, name="government"),
    path("invitations/<str:token>/", views.invitation_page, name="invitation"),
    path("<int:organization_id>/", views.profile_page, name="profile"),
    path("<int:organization_id>/members/", views.members_page, name="members"),
]
