"""Majors and major groups (专业目录)."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from chanjiao.catalogs.api.serializers import (
    ConceptRefSerializer,
    MajorGroupRefSerializer,
    MajorOccupationLinkSerializer,
    MajorRefSerializer,
    PageFilterSerializer,
    choice_filter,
    code_filter,
    flag_filter,
    search_filter,
)
from chanjiao.catalogs.api.views._base import (
    _CatalogDetailApi,
    _CatalogListApi,
    _ordering_filter,
)
from chanjiao.catalogs.models import (
    MajorGroupType,
    MajorLevel,
    MajorSystem,
)
from chanjiao.catalogs.selectors import (
    DEFAULT_MAJOR_CATALOG,
    DEFAULT_ORDERING,
    MAJOR_CATALOGS,
    major_get,
    major_group_get,
    major_group_list,
    major_list,
    major_parents,
)

# Majors ------------------------------------------------------------------------------------


class MajorListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        catalog = choice_filter(
            label="专业目录",
            name="catalog",
            choices=MAJOR_CATALOGS,
            default=DEFAULT_MAJOR_CATALOG,
            help_text="vocational-2021 职业教育专业目录（2021年，默认）；vocational-2025-additions "
            "2025年增补（部分）；undergraduate-2026 本科专业目录（2026年）；all 全部。",
        )
        level = choice_filter(label="专业层次", name="level", choices=MajorLevel.values)
        category = code_filter(label="专业大类或学科门类代码", name="category")
        major_class = code_filter(label="专业类代码", name="class")
        q = search_filter()
        active = flag_filter(label="是否现行有效", name="active")
        ordering = _ordering_filter()

        def get_fields(self) -> dict[str, Any]:
            # "class" is a Python keyword, so the parameter is declared under another name.
            fields = super().get_fields()
            fields["class"] = fields.pop("major_class")
            return fields

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        code = serializers.CharField()
        name = serializers.CharField()
        system = serializers.CharField()
        catalog_version = serializers.CharField()
        level = serializers.CharField()
        category = MajorGroupRefSerializer(allow_null=True)
        major_class = MajorGroupRefSerializer(allow_null=True)
        is_national_control = serializers.BooleanField()
        is_active = serializers.BooleanField()
        replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)

    selector = staticmethod(major_list)
    arguments = {
        "catalog": "catalog",
        "level": "level",
        "category": "category_code",
        "class": "class_code",
        "q": "query",
        "active": "is_active",
        "ordering": "ordering",
    }
    defaults = {"ordering": DEFAULT_ORDERING, "catalog": DEFAULT_MAJOR_CATALOG}

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业目录",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)


class MajorDetailApi(_CatalogDetailApi):
    class OutputSerializer(MajorListApi.OutputSerializer):
        is_special = serializers.BooleanField()
        source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
        note = serializers.CharField()
        summary = serializers.CharField()
        graduate_scale = serializers.CharField()
        career_directions = serializers.CharField()
        parents = serializers.SerializerMethodField()
        replaces = ConceptRefSerializer(many=True, source="replaces_sorted")
        occupation_links = MajorOccupationLinkSerializer(many=True, source="links_sorted")

        @extend_schema_field(MajorGroupRefSerializer(many=True))
        def get_parents(self, major: Any) -> Any:
            return MajorGroupRefSerializer(major_parents(major), many=True).data

    getter = staticmethod(major_get)

    @extend_schema(responses=OutputSerializer, summary="专业详情（含职业面向）")
    def get(self, request: Request, major_id: int) -> Response:
        return self.detail_response(major_id=major_id)


class MajorGroupListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        system = choice_filter(label="目录体系", name="system", choices=MajorSystem.values)
        level = choice_filter(label="层次", name="level", choices=MajorLevel.values)
        node_type = choice_filter(label="节点类型", name="node_type", choices=MajorGroupType.values)
        parent = code_filter(label="上级代码", name="parent")  # type: ignore[assignment]  # DRF field name
        q = search_filter()
        ordering = _ordering_filter()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        code = serializers.CharField()
        name = serializers.CharField()
        system = serializers.CharField()
        level = serializers.CharField()
        node_type = serializers.CharField()
        catalog_version = serializers.CharField()
        parent = MajorGroupRefSerializer(allow_null=True)
        is_active = serializers.BooleanField()

    selector = staticmethod(major_group_list)
    arguments = {
        "system": "system",
        "level": "level",
        "node_type": "node_type",
        "parent": "parent_code",
        "q": "query",
        "ordering": "ordering",
    }

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业大类、专业类与学科门类",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)


class MajorGroupDetailApi(_CatalogDetailApi):
    class OutputSerializer(MajorGroupListApi.OutputSerializer):
        source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
        children = MajorGroupRefSerializer(many=True, source="children_sorted")
        majors = MajorRefSerializer(many=True, source="majors_sorted")

    getter = staticmethod(major_group_get)

    @extend_schema(responses=OutputSerializer, summary="专业大类/专业类详情")
    def get(self, request: Request, group_id: int) -> Response:
        return self.detail_response(group_id=group_id)
