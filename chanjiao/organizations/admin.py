from django.contrib import admin

from chanjiao.organizations.models import Organization, SchoolMajor


class SchoolMajorInline(admin.TabularInline):
    model = SchoolMajor
    extra = 0
    raw_id_fields = ["major"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "org_type", "region", "credit_code", "verification_status", "is_demo"]
    list_filter = ["org_type", "verification_status", "is_above_designated_size", "is_demo"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["region", "industry"]
    inlines = [SchoolMajorInline]
