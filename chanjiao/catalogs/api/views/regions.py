"""Regions and major ↔ occupation links."""

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
    search_filter,
)
from chanjiao.catalogs.api.views._base import (
    _CatalogDetailApi,
    _CatalogListApi,
    _ordering_filter,
)
from chanjiao.catalogs.models import (
    LinkEvidence,
    Region,
)
from chanjiao.catalogs.selectors import (
    concept_ancestors,
    major_occupation_link_list,
    region_get,
    region_get_by_code,
    region_list,
)
from chanjiao.common.api_fields import IdField

# Regions -----------------------------------------------------------------------------------


class RegionListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        level = choice_filter(label="层级", name="level", choices=Region.Level.values)
        parent = code_filter(label="上级代码", name="parent")  # type: ignore[assignment]  # DRF field name
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

    selector = staticmethod(region_list)
    arguments = {
        "level": "level",
        "parent": "parent_code",
        "q": "query",
        "within": "within",
        "ordering": "ordering",
    }

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="行政区划（统计用区划代码）",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)


class RegionDetailApi(_CatalogDetailApi):
    class OutputSerializer(RegionListApi.OutputSerializer):
        source = serializers.CharField()  # type: ignore[assignment]  # DRF field name
        parents = serializers.SerializerMethodField()
        children = ConceptNodeSerializer(many=True, source="children_sorted")

        @extend_schema_field(ConceptNodeSerializer(many=True))
        def get_parents(self, region: Region) -> Any:
            return ConceptNodeSerializer(concept_ancestors(region), many=True).data

    getter = staticmethod(region_get)

    @extend_schema(responses=OutputSerializer, summary="行政区划详情")
    def get(self, request: Request, region_id: int) -> Response:
        return self.detail_response(region_id=region_id)


# Major ↔ occupation links ------------------------------------------------------------------


class MajorOccupationLinkListApi(_CatalogListApi):
    class FilterSerializer(PageFilterSerializer):
        major_id = IdField(
            required=False,
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

    selector = staticmethod(major_occupation_link_list)
    arguments = {
        "major_id": "major_id",
        "major_code": "major_code",
        "occupation_code": "occupation_code",
        "evidence_type": "evidence_type",
    }

    @extend_schema(
        parameters=[FilterSerializer],
        responses=OutputSerializer(many=True),
        summary="专业—职业对应",
    )
    def get(self, request: Request) -> Response:
        return self.list_response(request)
