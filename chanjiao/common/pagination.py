"""Page-number pagination in DRF's ``count/next/previous/results`` shape."""

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from chanjiao.common.counting import CachedCountPaginator


class DefaultPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "页码无效。"


class PublicListPagination(DefaultPagination):
    """For public lists: the total may be up to a minute old (``chanjiao.common.counting``)."""

    django_paginator_class = CachedCountPaginator


def get_paginated_response(
    *,
    serializer_class: type[Serializer],
    queryset: QuerySet[Any],
    request: Request,
    view: APIView,
    context: dict[str, Any] | None = None,
) -> Response:
    """Paginate a queryset and serialize one page of it."""
    paginator = DefaultPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    ctx = {"request": request, **(context or {})}
    serializer = serializer_class(page, many=True, context=ctx)
    return paginator.get_paginated_response(serializer.data)
