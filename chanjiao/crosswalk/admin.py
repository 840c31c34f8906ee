"""Admin for platform staff: occupation → industry links, read-only with audited review actions.

Rows are written by the observation and inference jobs and by the crosswalk pages; the admin lists
them with their evidence and lets staff confirm or reject inferred ones through the same service
as the review page (``industry_link_review``), so every decision is audited.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from chanjiao.common.exceptions import ApplicationError
from chanjiao.crosswalk.models import IndustryLink
from chanjiao.crosswalk.services import industry_link_review


@admin.register(IndustryLink)
class IndustryLinkAdmin(admin.ModelAdmin):
    list_display = ["occupation", "industry", "evidence", "status", "confidence", "post_count"]
    list_filter = ["evidence", "status"]
    search_fields = ["occupation__code", "occupation__name", "industry__code", "industry__name"]
    list_select_related = ["occupation", "industry"]
    ordering = ["occupation__code", "-confidence"]
    list_per_page = 50
    show_full_result_count = False
    actions = ["confirm_selected", "reject_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in self.model._meta.concrete_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _review(self, request: HttpRequest, queryset: QuerySet, decision: str) -> None:
        done = 0
        for link in queryset:
            try:
                industry_link_review(actor=request.user, link=link, decision=decision)
            except ApplicationError as exc:
                self.message_user(request, f"{link}：{exc.message}", messages.WARNING)
                continue
            done += 1
        self.message_user(request, f"已处理 {done} 条。")

    @admin.action(description="确认所选推断对应")
    def confirm_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(request, queryset, "confirm")

    @admin.action(description="否决所选推断对应")
    def reject_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(request, queryset, "reject")
