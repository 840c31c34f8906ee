from django.contrib import admin
from django.http import HttpRequest

from chanjiao.students.models import StudentClaim, StudentProfile


@admin.register(StudentProfile)
class StudentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "major", "graduation_year", "status", "is_demo"]
    list_filter = ["status", "graduation_year", "is_demo"]
    search_fields = ["user__username", "user__real_name", "school__name"]
    raw_id_fields = ["user", "school", "major"]


@admin.register(StudentClaim)
class StudentClaimAdmin(admin.ModelAdmin):
    """Read-only: claims move only through the workflow (the school's pages and the API)."""

    list_display = ["user", "school", "major", "graduation_year", "state", "submitted_at"]
    list_filter = ["state", "graduation_year"]
    search_fields = ["user__username", "user__real_name", "school__name", "student_number"]
    raw_id_fields = ["user", "school", "major", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: StudentClaim | None = None) -> bool:
        return False
