"""Admin views of forecast runs (read-mostly: runs are written by the forecasting service)."""

from django.contrib import admin
from django.http import HttpRequest

from chanjiao.forecasting.models import ForecastRun, ForecastSeries


class ForecastSeriesInline(admin.TabularInline):
    model = ForecastSeries
    fields = ("code", "name", "method", "mase", "naive_mase", "is_small")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(ForecastRun)
class ForecastRunAdmin(admin.ModelAdmin):
    list_display = (
        "locality",
        "level",
        "base_year",
        "series_count",
        "mase",
        "naive_mase",
        "beats_naive_count",
        "created_at",
        "is_demo",
    )
    list_filter = ("level", "is_demo", "locality")
    readonly_fields = [f.name for f in ForecastRun._meta.fields]
    inlines = [ForecastSeriesInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
