from django.urls import path

from chanjiao.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.PlatformLoginView.as_view(), name="login"),
    path("locality/", views.choose_locality, name="choose-locality"),
    path("logout/", views.PlatformLogoutView.as_view(), name="logout"),
    path("organizations/", views.organization_list_page, name="organization-list"),
    path(
        "organizations/<int:organization_id>/",
        views.organization_detail_page,
        name="organization-detail",
    ),
]
