from django.urls import path

from chanjiao.internships.api import files, views

P = "internships/placements/<int:placement_id>/"

urlpatterns = [
    path(
        "internships/placements/",
        views.PlacementListCreateApi.as_view(),
        name="internship-placements",
    ),
    path(P, views.PlacementDetailApi.as_view(), name="internship-placement-detail"),
    path(
        P + "transitions/",
        views.PlacementTransitionApi.as_view(),
        name="internship-placement-transitions",
    ),
    path(P + "agreement/", views.AgreementApi.as_view(), name="internship-agreement"),
    path(
        P + "agreement/confirm/",
        views.AgreementConfirmApi.as_view(),
        name="internship-agreement-confirm",
    ),
    path(P + "agreement/file/", views.AgreementFileApi.as_view(), name="internship-agreement-file"),
    path(P + "logs/", views.WeeklyLogApi.as_view(), name="internship-logs"),
    path(P + "incidents/", views.IncidentApi.as_view(), name="internship-incidents"),
    path(P + "evaluations/", views.EvaluationApi.as_view(), name="internship-evaluations"),
    path("internships/insurance/", views.InsuranceCreateApi.as_view(), name="internship-insurance"),
    path(
        "internships/logs/<int:log_id>/comments/",
        views.LogCommentCreateApi.as_view(),
        name="internship-log-comments",
    ),
    path(
        "internships/incidents/<int:incident_id>/transitions/",
        views.IncidentTransitionApi.as_view(),
        name="internship-incident-transitions",
    ),
    path("internships/alerts/", views.AlertListApi.as_view(), name="internship-alerts"),
    path(
        "internships/alerts/<int:alert_id>/resolve/",
        views.AlertResolveApi.as_view(),
        name="internship-alert-resolve",
    ),
    path("internships/quota/", views.QuotaApi.as_view(), name="internship-quota"),
    path(
        "internships/placements/import/",
        files.PlacementImportApi.as_view(),
        name="internship-placements-import",
    ),
    path(
        "internships/placements/import-template/",
        files.PlacementImportTemplateApi.as_view(),
        name="internship-placements-import-template",
    ),
    path(
        "internships/placements/export/",
        files.PlacementExportApi.as_view(),
        name="internship-placements-export",
    ),
]
