"""OpenAPI schema glue: unique component names for serializers nested in view classes, the error
responses every operation documents, and the Chinese API documentation page built from the
generated schema."""

import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import Direction
from rest_framework import serializers

# What each error status means, for operations whose view does not say it more precisely. Every
# error body is ``{"message", "extra"}`` (``chanjiao.common.api.exception_handler``).
ERROR_DESCRIPTIONS = {
    "400": "请求有误：message 说明原因，extra.fields 逐个列出有误的参数或字段",
    "403": "未登录或无权操作",
    "404": "不存在或无权查看：路径、参数或提交内容所指的记录（含超出范围的页码）",
}


class ApiErrorSerializer(serializers.Serializer):
    """The body of every error answer."""

    message = serializers.CharField(help_text="中文说明")
    extra = serializers.DictField(
        help_text="细节：fields 为各参数或字段的错误列表，errors 为逐条原因（按接口而定）"
    )


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer: Any, direction: Direction) -> str:
        """Name ``MeApi.OutputSerializer`` as ``MeOutput`` so nested serializers never collide."""
        cls = serializer.__class__
        qualname = cls.__qualname__
        if "." in qualname:
            outer, inner = qualname.rsplit(".", 1)
            outer = outer.split(".")[-1].removesuffix("Api")
            return outer + inner.removesuffix("Serializer")
        return super().get_serializer_name(serializer, direction)

    def _get_paginator(self) -> Any:
        """Only reads are paged: the list a write answers with (the rows it made) is an array."""
        if self.method != "GET":
            return None
        return super()._get_paginator()

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """The operation, with its error answers documented in the one error shape.

        400 and 404 where the operation takes any input (parameters or a body: a row it names may
        not exist, or a page may be past the end), 403 where it needs a signed-in user.
        """
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        parameters = operation.get("parameters") or []
        codes = set()
        if parameters or "requestBody" in operation:
            codes.add("400")
        if {} not in (operation.get("security") or []):
            codes.add("403")
        if parameters or "requestBody" in operation:
            codes.add("404")
        error = self.resolve_serializer(ApiErrorSerializer(), "response").ref
        responses = operation.setdefault("responses", {})
        for code in sorted(codes | {code for code in responses if code in ERROR_DESCRIPTIONS}):
            response = responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
            response.setdefault("content", {"application/json": {"schema": error}})
        operation["responses"] = dict(sorted(responses.items()))
        return operation


# The Chinese API page (/api/v1/docs/): built from the schema drf-spectacular generates.

METHODS = ("get", "post", "put", "patch", "delete")
METHOD_LABELS = {
    "get": "读取",
    "post": "提交",
    "put": "替换",
    "patch": "修改",
    "delete": "删除",
}


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str
    summary: str
    description: str
    needs_login: bool


@dataclass
class ApiTag:
    name: str
    title: str
    description: str
    operations: list[ApiOperation] = field(default_factory=list)


def tag_title(description: str, name: str) -> tuple[str, str]:
    """Split a tag description ``中文名：说明`` into its Chinese name and the rest."""
    title, sep, rest = description.partition("：")
    if not sep or not title.strip():
        return name, description.strip()
    return title.strip(), rest.strip()


def api_tags(schema: dict[str, Any]) -> list[ApiTag]:
    """The schema's operations grouped by tag, in the order of SPECTACULAR_SETTINGS["TAGS"]."""
    tags: dict[str, ApiTag] = {}
    for item in schema.get("tags") or []:
        title, text = tag_title(str(item.get("description", "")), item["name"])
        tags[item["name"]] = ApiTag(item["name"], title, text)
    for path, operations in (schema.get("paths") or {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            names = operation.get("tags") or ["其他"]
            tag = tags.setdefault(names[0], ApiTag(names[0], names[0], ""))
            security = operation.get("security")
            tag.operations.append(
                ApiOperation(
                    method=method,
                    path=path,
                    summary=str(operation.get("summary") or ""),
                    description=str(operation.get("description") or ""),
                    # An operation open to anonymous visitors lists ``{}`` among its security.
                    needs_login=not security or {} not in security,
                )
            )
    return [tag for tag in tags.values() if tag.operations]


@functools.cache
def api_schema() -> dict[str, Any]:
    """The platform's OpenAPI schema, generated once per process."""
    generator = SchemaGenerator(
        title=spectacular_settings.TITLE,
        description=spectacular_settings.DESCRIPTION,
        version=spectacular_settings.VERSION,
    )
    return generator.get_schema(request=None, public=True)


def api_docs_page(request: HttpRequest) -> HttpResponse:
    """The Chinese API documentation: how to call the API, then every operation by group."""
    schema = api_schema()
    tags = api_tags(schema)
    context = {
        "tags": tags,
        "operation_count": sum(len(tag.operations) for tag in tags),
        "method_labels": METHOD_LABELS,
        "version": schema.get("info", {}).get("version", ""),
        "page_size": settings.REST_FRAMEWORK.get("PAGE_SIZE", 20),
    }
    return render(request, "common/api_docs.html", context)
