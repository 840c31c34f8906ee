"""Public read-only endpoints of the national catalogues (anyone may read; nobody may write)."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.catalogs.api.serializers import (
    ConceptNodeSerializer,
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
from chanjiao.catalogs.models import (
    Industry,
    LinkEvidence,
    MajorGroupType,
    MajorLevel,
    MajorSystem,
    Occupation,
    Region,
)
from chanjiao.catalogs.selectors import (
    DEFAULT_MAJOR_CATALOG,
    DEFAULT_ORDERING,
    MAJOR_CATALOGS,
    ORDERINGS,
    concept_ancestors,
    industry_get,
    industry_list,
    major_get,
    major_group_get,
    major_group_list,
    major_list,
    major_occupation_link_list,
    major_parents,
    occupation_get,
    occupation_list,
    region_get,
    region_get_by_code,
    region_list,
)
from chanjiao.common.pagination import DefaultPagination, get_paginated_response


# Catalogues are public reference data: readable without signing in, never writable here.
# (A class docstring would become every operation's description in the OpenAPI document.)
class _CatalogReadApi(APIView):
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    # Read by drf-spectacular only: documents the paged response and the page parameters.
    pagination_class = DefaultPagination


def _ordering_filter() -> Any:
    return choice_filter(label="排序", name="ordering", choices=ORDERINGS, default=DEFAULT_ORDERING)


def _paginate(view: APIView, request: Request, queryset: Any) -> Response:
    return get_paginated_response(
        serializer_class=view.OutputSerializer,  # type: ignore[attr-defined]
        queryset=queryset,
        request=request,
        view=view,
    )


def _validated(view: APIView, request: Request) -> dict[str, Any]:
    filters = view.FilterSerializer(data=request.query_params)  # type: ignore[attr-defined]
    filters.is_valid(raise_exception=True)
    return dict(filters.validated_data)


# Majors ------------------------------------------------------------------------------------


class MajorListApi(_CatalogReadApi):
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

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业目录",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = major_list(
            catalog=data.get("catalog") or DEFAULT_MAJOR_CATALOG,
            level=data.get("level") or None,
            category_code=data.get("category") or None,
            class_code=data.get("class") or None,
            query=data.get("q"),
            is_active=data.get("active"),
            ordering=data.get("ordering") or DEFAULT_ORDERING,
        )
        return _paginate(self, request, qs)


class MajorDetailApi(_CatalogReadApi):
    class OutputSerializer(MajorListApi.OutputSerializer):
        is_special = serializers.BooleanField()
        source = serializers.CharField()
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

    @extend_schema(responses=OutputSerializer, summary="专业详情（含职业面向）")
    def get(self, request: Request, major_id: int) -> Response:
        major = major_get(major_id=major_id)
        return Response(self.OutputSerializer(major).data)


class MajorGroupListApi(_CatalogReadApi):
    class FilterSerializer(PageFilterSerializer):
        system = choice_filter(label="目录体系", name="system", choices=MajorSystem.values)
        level = choice_filter(label="层次", name="level", choices=MajorLevel.values)
        node_type = choice_filter(label="节点类型", name="node_type", choices=MajorGroupType.values)
        parent = code_filter(label="上级代码", name="parent")
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

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业大类、专业类与学科门类",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = major_group_list(
            system=data.get("system") or None,
            level=data.get("level") or None,
            node_type=data.get("node_type") or None,
            parent_code=data.get("parent") or None,
            query=data.get("q"),
            ordering=data.get("ordering") or DEFAULT_ORDERING,
        )
        return _paginate(self, request, qs)


class MajorGroupDetailApi(_CatalogReadApi):
    class OutputSerializer(MajorGroupListApi.OutputSerializer):
        source = serializers.CharField()
        children = MajorGroupRefSerializer(many=True, source="children_sorted")
        majors = MajorRefSerializer(many=True, source="majors_sorted")

    @extend_schema(responses=OutputSerializer, summary="专业大类/专业类详情")
    def get(self, request: Request, group_id: int) -> Response:
        group = major_group_get(group_id=group_id)
        return Response(self.OutputSerializer(group).data)


# Industries --------------------------------------------------------------------------------


class IndustryListApi(_CatalogReadApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Industry.Level.values)
        section = serializers.RegexField(
            r"^[A-Ta-t]$",
            required=False,
            allow_blank=True,
            help_text="门类字母 A—T。",
            error_messages={"invalid": "门类（section）应为 A—T 中的一个字母。"},
        )
        parent = code_filter(label="上级代码", name="parent")
        q = search_filter()
        ordering = _ordering_filter()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        code = serializers.CharField()
        name = serializers.CharField()
        level = serializers.CharField()
        section = serializers.CharField()
        parent = ConceptRefSerializer(allow_null=True)
        catalog_version = serializers.CharField()
        is_active = serializers.BooleanField()
        replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="国民经济行业分类（GB/T 4754-2017）",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = industry_list(
            level=data.get("level") or None,
            section=data.get("section") or None,
            parent_code=data.get("parent") or None,
            query=data.get("q"),
            ordering=data.get("ordering") or DEFAULT_ORDERING,
        )
        return _paginate(self, request, qs)


class IndustryDetailApi(_CatalogReadApi):
    class OutputSerializer(IndustryListApi.OutputSerializer):
        description = serializers.CharField()
        source = serializers.CharField()
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, industry: Industry) -> Any:
            return ConceptNodeSerializer(concept_ancestors(industry), many=True).data

    @extend_schema(responses=OutputSerializer, summary="行业详情")
    def get(self, request: Request, industry_id: int) -> Response:
        industry = industry_get(industry_id=industry_id)
        return Response(self.OutputSerializer(industry).data)


# Occupations -------------------------------------------------------------------------------


class OccupationListApi(_CatalogReadApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Occupation.Level.values)
        parent = code_filter(label="上级代码", name="parent")
        q = search_filter()
        is_digital = flag_filter(label="数字职业", name="is_digital")
        is_green = flag_filter(label="绿色职业", name="is_green")
        ordering = _ordering_filter()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        code = serializers.CharField()
        name = serializers.CharField()
        level = serializers.CharField()
        parent = ConceptRefSerializer(allow_null=True)
        is_green = serializers.BooleanField()
        is_digital = serializers.BooleanField()
        catalog_version = serializers.CharField()
        is_active = serializers.BooleanField()
        replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="职业分类大典（2022年版）",
        description="检索词 q 同时匹配名称、代码开头和常用名称（非官方）。",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = occupation_list(
            level=data.get("level") or None,
            parent_code=data.get("parent") or None,
            query=data.get("q"),
            is_digital=data.get("is_digital"),
            is_green=data.get("is_green"),
            ordering=data.get("ordering") or DEFAULT_ORDERING,
        )
        return _paginate(self, request, qs)


class OccupationDetailApi(_CatalogReadApi):
    class OutputSerializer(OccupationListApi.OutputSerializer):
        definition = serializers.CharField()
        main_tasks = serializers.CharField()
        aliases = serializers.SerializerMethodField(help_text="常用名称（非官方）。")
        source = serializers.CharField()
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")
        major_links = MajorOccupationLinkSerializer(many=True, source="links_sorted")

        def get_aliases(self, occupation: Occupation) -> list[str]:
            return [name for name in occupation.aliases.split(",") if name.strip()]

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, occupation: Occupation) -> Any:
            return ConceptNodeSerializer(concept_ancestors(occupation), many=True).data

    @extend_schema(responses=OutputSerializer, summary="职业详情（含对应专业）")
    def get(self, request: Request, occupation_id: int) -> Response:
        occupation = occupation_get(occupation_id=occupation_id)
        return Response(self.OutputSerializer(occupation).data)


# Regions -----------------------------------------------------------------------------------


class RegionListApi(_CatalogReadApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Region.Level.values)
        parent = code_filter(label="上级代码", name="parent")
        within = code_filter(label="所在地区代码（返回该地区及其下辖全部地区）", name="within")
        q = search_filter()
        ordering = _ordering_filter()

        def validate_within(self, value: str) -> Region | None:
            if not value:
                return None
            region = region_get_by_code(code=value.strip())
            if region is None:
                raise serializers.ValidationError("地区代码（within）“" + value + "”不存在。")
            return region

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        code = serializers.CharField()
        name = serializers.CharField()
        full_name = serializers.CharField()
        level = serializers.CharField()
        parent = ConceptRefSerializer(allow_null=True)
        catalog_version = serializers.CharField()
        is_active = serializers.BooleanField()

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="行政区划（统计用区划代码）",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = region_list(
            level=data.get("level") or None,
            parent_code=data.get("parent") or None,
            query=data.get("q"),
            within=data.get("within"),
            ordering=data.get("ordering") or DEFAULT_ORDERING,
        )
        return _paginate(self, request, qs)


class RegionDetailApi(_CatalogReadApi):
    class OutputSerializer(RegionListApi.OutputSerializer):
        source = serializers.CharField()
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, region: Region) -> Any:
            return ConceptNodeSerializer(concept_ancestors(region), many=True).data

    @extend_schema(responses=OutputSerializer, summary="行政区划详情")
    def get(self, request: Request, region_id: int) -> Response:
        region = region_get(region_id=region_id)
        return Response(self.OutputSerializer(region).data)


# Major ↔ occupation links ------------------------------------------------------------------


class MajorOccupationLinkListApi(_CatalogReadApi):
    class FilterSerializer(PageFilterSerializer):
        major_id = serializers.IntegerField(
            required=False,
            min_value=1,
            help_text="专业的内部编号。",
            error_messages={
                "invalid": "专业编号（major_id）必须是整数。",
                "min_value": "专业编号（major_id）必须是正整数。",
                "max_string_length": "专业编号（major_id）过大。",
            },
        )
        major_code = code_filter(label="专业代码", name="major_code")
        occupation_code = code_filter(label="职业代码", name="occupation_code")
        evidence_type = choice_filter(
            label="依据类型", name="evidence_type", choices=LinkEvidence.values
        )

    OutputSerializer = MajorOccupationLinkSerializer

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业—职业对应",
    )
    def get(self, request: Request) -> Response:
        data = _validated(self, request)
        qs = major_occupation_link_list(
            major_id=data.get("major_id"),
            major_code=data.get("major_code") or None,
            occupation_code=data.get("occupation_code") or None,
            evidence_type=data.get("evidence_type") or None,
        )
        return _paginate(self, request, qs)
