"""Web pages of the students app."""

from django.urls import path

from chanjiao.students import views

app_name = "students"

urlpatterns = [
    path("register/", views.register_page, name="register"),
    path("claim/", views.claim_page, name="claim"),
    path("majors/", views.majors_json, name="majors"),
    path("claims/", views.claims_page, name="claims"),
    path("claims/confirm/", views.claims_confirm_page, name="claims-confirm"),
    path("claims/<int:claim_id>/confirm/", views.claim_confirm_page, name="claim-confirm"),
    path("claims/<int:claim_id>/return/", views.claim_return_page, name="claim-return"),
    path("roster/", views.roster_page, name="roster-import"),
    path("roster/errors/", views.roster_errors_download, name="roster-errors"),
    path("roster/template/", views.roster_template_download, name="roster-template"),
]
