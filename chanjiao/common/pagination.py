"""Page-number pagination in DRF's ``count/next/previous/results`` shape."""

from typing import Any

from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from chanjiao.common.counting import CachedCountPaginator
from chanjiao.common.exceptions import NotFoundError, field_refusal


def invalid_page_text(page_number: Any, pages: int) -> str:
    """Say why a page number was refused and which ones exist."""
    asked = f"第 {page_number} 页" if str(page_number).isdigit() else f"“{page_number}”不是页码"
    return f"页码无效：共 {pages} 页，{asked}。请使用 1 到 {pages} 之间的页码。"


class DefaultPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = "页码无效。"

    def get_page_size(self, request: Request) -> int:
        """The asked page size; one that is not a number from 1 to the maximum is a 400 naming
        ``page_size`` (DRF would quietly use another)."""
        raw = request.query_params.get(self.page_size_query_param or "", "")
        if raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise field_refusal(
                self.page_size_query_param or "page_size",
                f"每页条数应为 1 到 {self.max_page_size} 之间的整数。",
            )
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The page parameters with their bounds (a page past the end is a 404)."""
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def paginate_queryset(
        self, queryset: Any, request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        """DRF's paging, except that a page past the end says how many pages there are (404)."""
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        paginator = self.django_paginator_class(queryset, page_size)
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage:
            pages = paginator.num_pages
            raise NotFoundError(
                invalid_page_text(str(page_number)[:20], pages),
                extra={"page": str(page_number)[:20], "pages": pages},
            ) from None
        if paginator.num_pages > 1 and self.template is not None:
            self.display_page_controls = True
        self.request = request
        return list(self.page)


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
