"""Web pages of internships (实习管理), mounted at /internships/."""

from django.urls import include, path

from chanjiao.internships.views import actions, dashboards, detail, placements

app_name = "internships"

urlpatterns = [
    path("", placements.list_page, name="list"),
    path("new/", placements.new_page, name="new"),
    path("alerts/", dashboards.alerts_page, name="alerts"),
    path("alerts/<int:alert_id>/resolve/", actions.alert_resolve_page, name="alert-resolve"),
    path("dashboard/school/", dashboards.school_dashboard, name="dashboard-school"),
    path("dashboard/bureau/", dashboards.bureau_dashboard, name="dashboard-bureau"),
    path("<int:placement_id>/", detail.detail_page, name="detail"),
    path("<int:placement_id>/phone/", detail.phone_reveal_page, name="phone-reveal"),
    path("<int:placement_id>/step/", placements.transition_page, name="transition"),
    path("<int:placement_id>/agreement/", actions.agreement_create_page, name="agreement-create"),
    path(
        "<int:placement_id>/agreement/confirm/",
        actions.agreement_confirm_page,
        name="agreement-confirm",
    ),
    path("<int:placement_id>/agreement/file/", actions.agreement_file_page, name="agreement-file"),
    path(
        "<int:placement_id>/agreement/download/",
        actions.agreement_file_download,
        name="agreement-download",
    ),
    path("<int:placement_id>/insurance/", actions.insurance_page, name="insurance"),
    path("<int:placement_id>/logs/", actions.log_page, name="log"),
    path("logs/<int:log_id>/comments/", actions.comment_page, name="comment"),
    path("<int:placement_id>/incidents/", actions.incident_page, name="incident"),
    path("incidents/<int:incident_id>/step/", actions.incident_step_page, name="incident-step"),
    path("<int:placement_id>/evaluations/", actions.evaluation_page, name="evaluation"),
    # Imports and exports (their own module).
    path("", include("chanjiao.internships.file_urls")),
]
