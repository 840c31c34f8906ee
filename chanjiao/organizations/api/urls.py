from django.urls import path

from chanjiao.organizations.api import views

urlpatterns = [
    path("organizations/", views.OrganizationListApi.as_view(), name="organization-list"),
    path(
        "organizations/<int:organization_id>/",
        views.OrganizationDetailApi.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<int:organization_id>/verify/",
        views.OrganizationVerifyApi.as_view(),
        name="organization-verify",
    ),
    path(
        "organizations/<int:organization_id>/majors/",
        views.SchoolMajorListApi.as_view(),
        name="organization-majors",
    ),
    path(
        "organizations/<int:organization_id>/memberships/",
        views.MembershipListApi.as_view(),
        name="organization-memberships",
    ),
]
