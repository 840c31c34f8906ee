from django.urls import path

from chanjiao.audit.api import views

urlpatterns = [
    path("audit-events/", views.AuditEventListApi.as_view(), name="audit-event-list"),
    path("audit-events/export/", views.AuditEventExportApi.as_view(), name="audit-event-export"),
]
