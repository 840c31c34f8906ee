"""专业预警 in the admin: for platform staff to look things up.

Officers change rules through the pages and the API, whose services check the parameters and
keep the audit log; here rules, runs and flags are read-only.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chanjiao.early_warning.models import WarningFlag, WarningRule, WarningRun


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WarningRule)
class WarningRuleAdmin(_ReadOnly):
    list_display = ["name", "locality", "rule_type", "level", "clause", "is_active", "is_edited"]
    list_filter = ["locality", "rule_type", "level", "is_active"]
    search_fields = ["name", "key", "quote"]
    list_select_related = ["locality"]


@admin.register(WarningRun)
class WarningRunAdmin(_ReadOnly):
    list_display = ["locality", "year", "started_at", "rules_evaluated", "flags_raised"]
    list_filter = ["locality", "year"]
    list_select_related = ["locality"]


@admin.register(WarningFlag)
class WarningFlagAdmin(_ReadOnly):
    list_display = ["school", "major", "year", "level", "status", "rule"]
    list_filter = ["locality", "year", "level", "status"]
    search_fields = ["school__name", "major__code", "major__name"]
    list_select_related = ["school", "major", "rule"]
