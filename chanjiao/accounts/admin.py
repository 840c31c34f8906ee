from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from chanjiao.accounts.admin_roles import user_admin_readonly_fields
from chanjiao.accounts.models import Membership, User
from chanjiao.common.crypto import blind_index
from chanjiao.common.masking import mask_id_number, mask_phone


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "real_name",
        "masked_phone",
        "is_staff",
        "admin_role",
        "is_active",
        "is_demo",
    ]
    list_filter = ["is_staff", "admin_role", "is_active", "is_demo"]
    # A whole phone or ID number is also found (get_search_results): the columns are encrypted.
    search_fields = ["username", "real_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("姓名与邮箱", {"fields": ("real_name", "email", "first_name", "last_name")}),
        # 三员分立: only the security administrator changes these, never on their own account.
        (
            "权限",
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "admin_role",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        ("时间", {"fields": ("last_login", "date_joined", "password_changed_at")}),
        # Personal numbers are shown masked; the audited reveal API shows them whole.
        ("个人信息", {"fields": ("masked_phone", "masked_id_number", "is_demo")}),
    )
    readonly_fields = ["masked_phone", "masked_id_number"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        """Also find an account by its whole phone or ID number, through the blind indexes."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            queryset |= self.model.objects.filter(
                Q(phone_index=blind_index(term, purpose="phone"))
                | Q(id_number_index=blind_index(term, purpose="id_number"))
            )
        return queryset, may_have_duplicates

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, *user_admin_readonly_fields(request.user, obj)]

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
