"""Serializers shared by the catalogue endpoints: references to concepts, links, paging filters."""

from collections.abc import Iterable
from typing import Any

from rest_framework import serializers


def choice_filter(*, label: str, name: str, choices: Iterable[str], **kwargs: Any) -> Any:
    """Return an optional choice query parameter whose error names the parameter in Chinese."""
    values = list(choices)
    allowed = "、".join(values)
    message = f"{label}（{name}）的取值“{{input}}”无效，可选：{allowed}。"
    if "default" not in kwargs:
        kwargs["required"] = False
    return serializers.ChoiceField(
        choices=values,
        allow_blank=True,
        error_messages={"invalid_choice": message},
        **kwargs,
    )


def flag_filter(*, label: str, name: str) -> serializers.BooleanField:
    """Return an optional yes/no query parameter (absent means no filter)."""
    return serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=f"{label}：true 或 false；不填则不限。",
        error_messages={"invalid": f"{label}（{name}）应为 true 或 false。"},
    )


def search_filter() -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="按名称（含）或代码（开头）检索。",
        error_messages={"max_length": "检索词（q）不能超过100个字符。"},
    )


def code_filter(*, label: str, name: str) -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=f"{label}（官方代码）。",
        error_messages={"max_length": f"{label}（{name}）不能超过20个字符。"},
    )


class PageFilterSerializer(serializers.Serializer):
    """Paging parameters; a malformed page is a 400 naming the parameter, not a 404."""

    page = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="页码，从1开始。",
        error_messages={
            "invalid": "页码（page）必须是整数。",
            "min_value": "页码（page）不能小于1。",
            "max_string_length": "页码（page）过大。",
        },
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=200,
        help_text="每页条数，1—200，默认20。",
        error_messages={
            "invalid": "每页条数（page_size）必须是整数。",
            "min_value": "每页条数（page_size）不能小于1。",
            "max_value": "每页条数（page_size）不能超过200。",
            "max_string_length": "每页条数（page_size）过大。",
        },
    )


# Class docstrings would become English descriptions in the OpenAPI document, hence comments.


# A reference to another catalogue concept.
class ConceptRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()


# A concept in a tree (parent chain or children), with its level.
class ConceptNodeSerializer(ConceptRefSerializer):
    level = serializers.CharField()


class MajorGroupRefSerializer(ConceptRefSerializer):
    node_type = serializers.CharField()


class MajorRefSerializer(ConceptNodeSerializer):
    catalog_version = serializers.CharField()


# A major prepares for an occupation, with the evidence for the link.
class MajorOccupationLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    major_id = serializers.IntegerField()
    major_code = serializers.CharField(source="major.code")
    major_name = serializers.CharField(source="major.name")
    major_level = serializers.CharField(source="major.level")
    occupation_id = serializers.IntegerField()
    occupation_code = serializers.CharField(source="occupation.code")
    occupation_name = serializers.CharField(source="occupation.name")
    evidence_type = serializers.CharField()
    evidence_type_label = serializers.CharField(source="get_evidence_type_display")
    evidence = serializers.CharField()
    code_as_printed = serializers.CharField(help_text="教学标准原文中的职业代码。")
    is_expanded_from_minor_group = serializers.BooleanField(
        help_text="为真表示标准只印有小类代码、由平台展开到细类，依据较弱。"
    )
    confidence = serializers.FloatField()
    is_active = serializers.BooleanField()
