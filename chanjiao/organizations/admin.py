from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from chanjiao.common.masking import mask_phone
from chanjiao.organizations.models import Invitation, Organization, SchoolMajor


class SchoolMajorInline(admin.TabularInline):
    model = SchoolMajor
    extra = 0
    raw_id_fields = ["major"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "org_type",
        "region",
        "credit_code",
        "school_code",
        "verification_status",
        "is_demo",
    ]
    list_filter = ["org_type", "verification_status", "is_above_designated_size", "is_demo"]
    search_fields = ["name", "credit_code", "school_code"]
    raw_id_fields = ["region", "industry"]
    inlines = [SchoolMajorInline]
    # The state moves through the verification workflow only, which keeps its history. The contact
    # phone is personal data: shown masked here, whole only to the organisation's own people.
    readonly_fields = ["verification_status", "masked_contact_phone"]
    exclude = ["contact_phone"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="联系电话")
    def masked_contact_phone(self, obj: Organization) -> str:
        return mask_phone(obj.contact_phone)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are read here; they are made, answered and withdrawn on the site."""

    list_display = ["organization", "role", "email", "status", "created_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["organization__name", "email"]
    exclude = ["token_hash"]
    readonly_fields = [
        "organization",
        "role",
        "email",
        "invited_by",
        "expires_at",
        "status",
        "accepted_by",
        "decided_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
