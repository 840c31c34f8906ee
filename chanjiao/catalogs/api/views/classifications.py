"""Industries (GB/T 4754) and occupations (职业分类大典)."""

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from chanjiao.catalogs.api.serializers import (
    ConceptNodeSerializer,
    ConceptRefSerializer,
    MajorOccupationLinkSerializer,
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
    Industry,
    Occupation,
)
from chanjiao.catalogs.selectors import (
    concept_ancestors,
    industry_get,
    industry_list,
    occupation_get,
    occupation_list,
)

# Industries --------------------------------------------------------------------------------


class IndustryListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Industry.Level.values)
        section = serializers.RegexField(
            r"^[A-Ta-t]$",
            required=False,
            allow_blank=True,
            help_text="门类字母 A—T。",
            error_messages={"invalid": "门类（section）应为 A—T 中的一个字母。"},
        )
        parent = code_filter(label="上级代码", name="parent")  # type: ignore[assignment]  # DRF field name
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

    selector = staticmethod(industry_list)
    arguments = {
        "level": "level",
        "section": "section",
        "parent": "parent_code",
        "q": "query",
        "ordering": "ordering",
    }

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="国民经济行业分类（GB/T 4754-2017）",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)


class IndustryDetailApi(_CatalogDetailApi):
    class OutputSerializer(IndustryListApi.OutputSerializer):
        description = serializers.CharField()
        source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, industry: Industry) -> Any:
            return ConceptNodeSerializer(concept_ancestors(industry), many=True).data

    getter = staticmethod(industry_get)

    @extend_schema(responses=OutputSerializer, summary="行业详情")
    def get(self, request: Request, industry_id: int) -> Response:
        return self.detail_response(industry_id=industry_id)


# Occupations -------------------------------------------------------------------------------


class OccupationListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Occupation.Level.values)
        parent = code_filter(label="上级代码", name="parent")  # type: ignore[assignment]  # DRF field name
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

    selector = staticmethod(occupation_list)
    arguments = {
        "level": "level",
        "parent": "parent_code",
        "q": "query",
        "is_digital": "is_digital",
        "is_green": "is_green",
        "ordering": "ordering",
    }

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="职业分类大典（2022年版）",
        description="检索词 q 同时匹配名称、代码开头和常用名称（非官方）。",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)


class OccupationDetailApi(_CatalogDetailApi):
    class OutputSerializer(OccupationListApi.OutputSerializer):
        definition = serializers.CharField()
        main_tasks = serializers.CharField()
        aliases = serializers.SerializerMethodField(help_text="常用名称（非官方）。")
        source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")
        major_links = MajorOccupationLinkSerializer(many=True, source="links_sorted")

        def get_aliases(self, occupation: Occupation) -> list[str]:
            return [name for name in occupation.aliases.split(",") if name.strip()]

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, occupation: Occupation) -> Any:
            return ConceptNodeSerializer(concept_ancestors(occupation), many=True).data

    getter = staticmethod(occupation_get)

    @extend_schema(responses=OutputSerializer, summary="职业详情（含对应专业）")
    def get(self, request: Request, occupation_id: int) -> Response:
        return self.detail_response(occupation_id=occupation_id)
