"""Page-number pagination in DRF's ``count/next/previous/results`` shape."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
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
    """For public lists: the total may be up to a minute old (``chanjiao.common.counting``).

    The total is kept under the request's path, its filters (the query string less paging), the
    viewer and the day: what the views' querysets depend on.
    """

    count_key = ""

    def paginate_queryset(
        self, queryset: Any, request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        params = sorted(
            (name, value)
            for name, values in request.query_params.lists()
            for value in values
            if name not in (self.page_query_param, self.page_size_query_param)
        )
        viewer = f"user:{request.user.pk}" if request.user.is_authenticated else "anonymous"
        self.count_key = f"{request.path}|{params}|{viewer}|{timezone.localdate()}"
        return super().paginate_queryset(queryset, request, view)

    # DRF calls ``self.django_paginator_class(queryset, page_size)``; a method passes the key.
    def django_paginator_class(  # type: ignore[override]
        self, object_list: Any, per_page: int
    ) -> CachedCountPaginator:
        return CachedCountPaginator(object_list, per_page, self.count_key)


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
