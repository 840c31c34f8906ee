from django.contrib import admin
from django.http import HttpRequest

from chanjiao.workflow.models import TransitionRecord


@admin.register(TransitionRecord)
class TransitionRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "workflow", "object_id", "transition", "from_state", "to_state"]
    list_filter = ["workflow", "transition"]
    search_fields = ["object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: TransitionRecord | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: TransitionRecord | None = None
    ) -> bool:
        return False
