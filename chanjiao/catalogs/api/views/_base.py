"""Shared shape of the public read-only catalogue endpoints."""

from typing import Any

from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chanjiao.catalogs.api.serializers import (
    choice_filter,
)
from chanjiao.catalogs.selectors import (
    DEFAULT_ORDERING,
    ORDERINGS,
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


class _CatalogListApi(_CatalogReadApi):
    # Each list names its selector and maps query parameters to the selector's keyword arguments;
    # an absent or empty parameter becomes None (the ordering falls back to the default).
    FilterSerializer: type[serializers.Serializer]
    OutputSerializer: Any
    selector: Any
    arguments: dict[str, str] = {}
    defaults: dict[str, str] = {"ordering": DEFAULT_ORDERING}

    def list_response(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        kwargs = {kwarg: _present(data.get(param)) for param, kwarg in self.arguments.items()}
        for name, default in self.defaults.items():
            if name in kwargs:
                kwargs[name] = kwargs[name] or default
        return get_paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=type(self).selector(**kwargs),
            request=request,
            view=self,
        )


def _present(value: Any) -> Any:
    return None if value == "" else value


class _CatalogDetailApi(_CatalogReadApi):
    OutputSerializer: Any
    getter: Any

    def detail_response(self, **lookup: int) -> Response:
        return Response(self.OutputSerializer(type(self).getter(**lookup)).data)
