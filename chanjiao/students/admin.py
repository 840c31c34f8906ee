from django.contrib import admin

from chanjiao.students.models import StudentProfile


@admin.register(StudentProfile)
class StudentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "major", "graduation_year", "status", "is_demo"]
    list_filter = ["status", "graduation_year", "is_demo"]
    search_fields = ["user__username", "user__real_name", "school__name"]
    raw_id_fields = ["user", "school", "major"]
