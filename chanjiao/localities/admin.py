"""Locality profiles in the admin: one page per locality with its rows inline.

The admin is for platform staff; officers change parameters through the pages and the API,
whose services keep the audit log.
"""

from django.contrib import admin

from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter


class PolicyParameterInline(admin.StackedInline):
    model = PolicyParameter
    extra = 0
    fields = [("key", "label"), ("comparison", "value", "value_max", "unit"), "clause", "quote"]


class KeyIndustryInline(admin.TabularInline):
    model = KeyIndustry
    extra = 0
    fields = ["label", "industries", "clause", "note"]
    raw_id_fields = ["industries"]


class NamedInstitutionInline(admin.TabularInline):
    model = NamedInstitution
    extra = 0
    fields = ["name", "kind", "clause", "organization"]
    raw_id_fields = ["organization"]


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "document_title", "document_number", "issued_on"]
    search_fields = ["name", "document_title", "region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]
    inlines = [PolicyParameterInline, KeyIndustryInline, NamedInstitutionInline]


@admin.register(PolicyParameter)
class PolicyParameterAdmin(admin.ModelAdmin):
    list_display = ["locality", "key", "label", "comparison", "value", "unit", "clause"]
    list_filter = ["locality", "comparison"]
    search_fields = ["key", "label", "quote"]
    list_select_related = ["locality"]
