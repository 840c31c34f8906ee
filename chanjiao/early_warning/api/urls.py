"""API routes of the early_warning app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.early_warning.api import views

urlpatterns = [
    path("warnings/rules/", views.WarningRuleListApi.as_view(), name="warning-rule-list"),
    path(
        "warnings/rules/<int:rule_id>/",
        views.WarningRuleDetailApi.as_view(),
        name="warning-rule-detail",
    ),
    path("warnings/runs/", views.WarningRunListApi.as_view(), name="warning-run-list"),
    path("warnings/flags/", views.WarningFlagListApi.as_view(), name="warning-flag-list"),
    path(
        "warnings/flags/<int:flag_id>/",
        views.WarningFlagDetailApi.as_view(),
        name="warning-flag-detail",
    ),
    path(
        "warnings/flags/<int:flag_id>/responses/",
        views.WarningFlagRespondApi.as_view(),
        name="warning-flag-respond",
    ),
    path(
        "warnings/flags/<int:flag_id>/close/",
        views.WarningFlagCloseApi.as_view(),
        name="warning-flag-close",
    ),
    path("warnings/summary/", views.WarningSummaryApi.as_view(), name="warning-summary"),
]
