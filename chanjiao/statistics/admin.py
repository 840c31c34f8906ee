from django.contrib import admin

from chanjiao.statistics.models import LaborMarketStat, MajorYearStat


@admin.register(MajorYearStat)
class MajorYearStatAdmin(admin.ModelAdmin):
    list_display = [
        "school",
        "major",
        "year",
        "actual_enrollment",
        "graduates",
        "employed",
        "avg_starting_salary",
        "is_demo",
    ]
    list_filter = ["year", "is_demo"]
    search_fields = ["school__name", "major__code", "major__name"]
    raw_id_fields = ["school", "major", "imported_by"]


@admin.register(LaborMarketStat)
class LaborMarketStatAdmin(admin.ModelAdmin):
    list_display = [
        "region_label",
        "year",
        "quarter",
        "occupation_label",
        "demand_persons",
        "jobseekers_persons",
        "vacancy_ratio",
        "source_kind",
        "is_demo",
    ]
    list_filter = ["year", "quarter", "is_demo", "source_kind"]
    search_fields = ["region_label", "occupation_label"]
    raw_id_fields = ["region", "occupation"]
