from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chanjiao.audit.models import AuditEvent
from chanjiao.common.users import is_audit_administrator


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only (the audit log is append-only), and only for the 审计管理员 (三员分立)."""

    list_display = [
        "occurred_at",
        "actor_repr",
        "action",
        "target_type",
        "target_repr",
        "result",
        "ip_address",
    ]
    list_filter = ["result", "action"]
    search_fields = ["actor_repr", "action", "target_repr", "target_id"]
    date_hierarchy = "occurred_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_audit_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_audit_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
