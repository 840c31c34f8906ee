"""API glue: the exception handler that renders every error as ``{"message", "extra"}``, and the
content negotiation of file downloads."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from chanjiao.common.exceptions import ApplicationError

_MESSAGES = {
    exceptions.NotAuthenticated: "请先登录。",
    exceptions.AuthenticationFailed: "身份验证失败，请重新登录。",
    exceptions.PermissionDenied: "您没有执行此操作的权限。",
    exceptions.NotFound: "未找到该资源，或您无权查看。",
    exceptions.MethodNotAllowed: "不支持该请求方法。",
    exceptions.Throttled: "请求过于频繁，请稍后再试。",
    exceptions.ValidationError: "提交的数据有误，请按提示修改。",
    exceptions.ParseError: "请求内容格式错误。",
    exceptions.UnsupportedMediaType: "不支持的请求内容类型。",
}


def _message_for(exc: exceptions.APIException) -> str:
    for cls, message in _MESSAGES.items():
        if isinstance(exc, cls):
            return message
    return str(exc.detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render domain and framework errors in one shape with a Chinese message."""
    if isinstance(exc, ApplicationError):
        return Response({"message": exc.message, "extra": exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)  # noqa: S101 - drf handled it
    extra: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        extra["fields"] = response.data
    response.data = {"message": _message_for(exc), "extra": extra}
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 (no URL matched): the API's error shape under /api/, the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        body = {"message": _MESSAGES[exceptions.NotFound], "extra": {}}
        return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)


class FormatNamesTheFile(DefaultContentNegotiation):
    """For downloads whose ``?format=`` names the file type (csv, xlsx), not a DRF renderer."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


class PortableModelSerializer(serializers.ModelSerializer):
    """A model serializer whose schema is the same on every database.

    Django bounds integer fields by the backend (PositiveSmallIntegerField: 32,767 on PostgreSQL,
    unbounded on SQLite), and DRF turns that bound into ``max_value``; the model's own validators
    and the database keep enforcing it, so the API schema leaves it out.
    """

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("max_value", None)
        return field_class, kwargs
