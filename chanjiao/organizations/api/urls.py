from django.urls import path

from chanjiao.organizations.api import views

urlpatterns = [
    path("organizations/", views.OrganizationListApi.as_view(), name="organization-list"),
    path(
        "organizations/register/",
        views.OrganizationRegisterApi.as_view(),
        name="organization-register",
    ),
    path(
        "organizations/verification-queue/",
        views.VerificationQueueApi.as_view(),
        name="organization-verification-queue",
    ),
    path(
        "organizations/<int:organization_id>/return/",
        views.OrganizationReturnApi.as_view(),
        name="organization-return",
    ),
    path(
        "organizations/<int:organization_id>/resubmit/",
        views.OrganizationResubmitApi.as_view(),
        name="organization-resubmit",
    ),
    path(
        "organizations/<int:organization_id>/history/",
        views.OrganizationHistoryApi.as_view(),
        name="organization-history",
    ),
    path(
        "organizations/<int:organization_id>/memberships/<int:membership_id>/",
        views.MembershipDetailApi.as_view(),
        name="organization-membership-detail",
    ),
    path(
        "organizations/<int:organization_id>/invitations/",
        views.InvitationListApi.as_view(),
        name="organization-invitations",
    ),
    path(
        "organizations/<int:organization_id>/invitations/<int:invitation_id>/",
        views.InvitationDetailApi.as_view(),
        name="organization-invitation-detail",
    ),
    path("invitations/mine/", views.MyInvitationsApi.as_view(), name="invitation-mine"),
    path("invitations/<str:token>/", views.InvitationTokenApi.as_view(), name="invitation-detail"),
    path(
        "invitations/<str:token>/accept/",
        views.InvitationAcceptApi.as_view(),
        name="invitation-accept",
    ),
    path(
        "invitations/<str:token>/decline/",
        views.InvitationDeclineApi.as_view(),
        name="invitation-decline",
    ),
    path(
        "invitations/<str:token>/register/",
        views.InvitationRegisterApi.as_view(),
        name="invitation-register",
    ),
    path("government-bodies/", views.GovernmentBodyListApi.as_view(), name="government-body-list"),
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
