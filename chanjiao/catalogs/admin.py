"""Admin for platform staff: catalogues are read-mostly and never deleted.

Concepts come from ``load_catalogs``; staff may retire a concept or point it at its successor
(``is_active``, ``replaced_by``), and may add curated major → occupation links. Deleting is
disabled everywhere: a concept that left a catalogue is retired, so old references keep working.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chanjiao.catalogs.models import (
    CatalogLoad,
    Industry,
    Major,
    MajorGroup,
    MajorOccupationLink,
    Occupation,
    Region,
)


class _CatalogConceptAdmin(admin.ModelAdmin):
    """Loaded concepts: no adding, no deleting; only the retirement fields are editable."""

    editable_fields: tuple[str, ...] = ("is_active", "replaced_by")
    search_fields = ["code", "name"]
    list_per_page = 50
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        names = [field.name for field in self.model._meta.concrete_fields]
        return [name for name in names if name not in self.editable_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MajorGroup)
class MajorGroupAdmin(_CatalogConceptAdmin):
    editable_fields = ("is_active",)
    list_display = ["code", "name", "system", "level", "node_type", "catalog_version", "is_active"]
    list_filter = ["system", "level", "node_type", "catalog_version", "is_active"]
    list_select_related = ["parent"]


@admin.register(Major)
class MajorAdmin(_CatalogConceptAdmin):
    editable_fields = ("is_active", "replaced_by", "note")
    list_display = ["code", "name", "level", "catalog_version", "major_class", "is_active"]
    list_filter = ["system", "level", "catalog_version", "is_national_control", "is_active"]
    list_select_related = ["major_class"]
    raw_id_fields = ["replaced_by"]


@admin.register(Industry)
class IndustryAdmin(_CatalogConceptAdmin):
    list_display = ["code", "name", "level", "section", "catalog_version", "is_active"]
    list_filter = ["level", "section", "catalog_version", "is_active"]
    raw_id_fields = ["replaced_by"]


@admin.register(Occupation)
class OccupationAdmin(_CatalogConceptAdmin):
    search_fields = ["code", "name", "aliases"]
    list_display = ["code", "name", "level", "is_digital", "is_green", "is_active"]
    list_filter = ["level", "is_digital", "is_green", "catalog_version", "is_active"]
    raw_id_fields = ["replaced_by"]


@admin.register(Region)
class RegionAdmin(_CatalogConceptAdmin):
    editable_fields = ("is_active",)
    search_fields = ["code", "name", "full_name"]
    list_display = ["code", "name", "full_name", "level", "catalog_version", "is_active"]
    list_filter = ["level", "catalog_version", "is_active"]


@admin.register(MajorOccupationLink)
class MajorOccupationLinkAdmin(admin.ModelAdmin):
    """Links: staff may add curated ones and retire any; none is deleted."""

    list_display = [
        "major",
        "occupation",
        "evidence_type",
        "is_expanded_from_minor_group",
        "confidence",
        "is_active",
    ]
    list_filter = ["evidence_type", "is_expanded_from_minor_group", "is_active"]
    search_fields = ["major__code", "major__name", "occupation__code", "occupation__name"]
    list_select_related = ["major", "occupation"]
    raw_id_fields = ["major", "occupation"]
    list_per_page = 50

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is None:
            return []
        return ["major", "occupation", "evidence_type", "code_as_printed"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CatalogLoad)
class CatalogLoadAdmin(admin.ModelAdmin):
    """Read-only record of each catalogue load."""

    list_display = ["created_at", "catalog", "rows_read", "created", "updated", "retired"]
    list_filter = ["catalog"]
    search_fields = ["catalog", "source_file"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
