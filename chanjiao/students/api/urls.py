from django.urls import path

from chanjiao.students.api import views

urlpatterns = [
    path("students/register/", views.StudentRegisterApi.as_view(), name="student-register"),
    path("students/schools/", views.SchoolOptionListApi.as_view(), name="student-schools"),
    path(
        "students/schools/<int:school_id>/majors/",
        views.SchoolMajorOptionListApi.as_view(),
        name="student-school-majors",
    ),
    path("students/my-claim/", views.MyClaimApi.as_view(), name="student-my-claim"),
    path(
        "students/my-claim/withdraw/",
        views.MyClaimWithdrawApi.as_view(),
        name="student-my-claim-withdraw",
    ),
    path(
        "students/my-claim/resubmit/",
        views.MyClaimResubmitApi.as_view(),
        name="student-my-claim-resubmit",
    ),
    path("students/claims/", views.ClaimListApi.as_view(), name="student-claims"),
    path(
        "students/claims/bulk-confirm/",
        views.ClaimBulkConfirmApi.as_view(),
        name="student-claims-confirm",
    ),
    path(
        "students/claims/<int:claim_id>/confirm/",
        views.ClaimConfirmApi.as_view(),
        name="student-claim-confirm",
    ),
    path(
        "students/claims/<int:claim_id>/return/",
        views.ClaimReturnApi.as_view(),
        name="student-claim-return",
    ),
    path(
        "students/roster-imports/",
        views.RosterImportApi.as_view(),
        name="student-roster-imports",
    ),
]
