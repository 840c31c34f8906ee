from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from chanjiao.accounts.models import Membership, User
from chanjiao.common.masking import mask_id_number, mask_phone


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "real_name", "masked_phone", "is_staff", "is_active", "is_demo"]
    list_filter = ["is_staff", "is_active", "is_demo"]
    search_fields = ["username", "real_name"]
    inlines = [MembershipInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        # Personal numbers are shown masked; the audited reveal API shows them whole.
        ("个人信息", {"fields": ("real_name", "masked_phone", "masked_id_number", "is_demo")}),
    )
    readonly_fields = ["masked_phone", "masked_id_number"]

    @admin.display(description="手机号")
    def masked_phone(self, obj: User) -> str:
        return mask_phone(obj.phone)

    @admin.display(description="身份证号")
    def masked_id_number(self, obj: User) -> str:
        return mask_id_number(obj.id_number)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["user__username", "organization__name"]
    autocomplete_fields = ["user", "organization"]
