"""Web page routes of the early_warning app (mounted under /warnings/)."""

from django.urls import path

from chanjiao.early_warning import views

app_name = "early_warning"
urlpatterns = [
    path("", views.flag_list_page, name="flag-list"),
    path("flags/<int:flag_id>/", views.flag_detail_page, name="flag-detail"),
    path("runs/", views.run_create_page, name="run-create"),
    path("rules/", views.rule_list_page, name="rule-list"),
    path("rules/<int:rule_id>/edit/", views.rule_edit_page, name="rule-edit"),
]
