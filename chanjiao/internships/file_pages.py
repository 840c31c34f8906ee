"""Pages for the placements' files: the import (upload, template, error list) and the export."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.tabular.error_download import import_errors_remember, import_errors_response
from chanjiao.common.users import acting_user
from chanjiao.internships.api.files import export_response, template_response
from chanjiao.internships.exporting import placements_export
from chanjiao.internships.importing import (
    MAX_PLACEMENT_ROWS,
    PLACEMENT_COLUMNS,
    TEMPLATE_FORMATS,
    placements_import,
    schools_for_import,
)
from chanjiao.internships.models import PlacementKind, PlacementState
from chanjiao.organizations.models import Organization

SESSION_KEY = "placement_import_errors"
ERRORS_SHOWN = 500


class PlacementImportForm(forms.Form):
    school = forms.TypedChoiceField(
        label="学校",
        coerce=int,
        error_messages={"invalid_choice": "请选择您担任机构管理员或信息员的学校。"},
    )
    file = forms.FileField(
        label="文件",
        help_text="CSV（UTF-8 或 GB18030 编码）或 Excel 工作簿（.xlsx）",
        error_messages={"required": "请选择要上传的文件。"},
    )

    def __init__(self, *args: Any, schools: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schools = {school.pk: school for school in schools}
        self.fields["school"].choices = [(s.pk, s.name) for s in schools]  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload a school's placements; show the counts or the table of every error."""
    user = acting_user(request)
    schools = schools_for_import(user)
    context: dict[str, Any] = {
        "columns": PLACEMENT_COLUMNS,
        "max_rows": MAX_PLACEMENT_ROWS,
        "schools": schools,
    }
    if not schools:
        return render(request, "internships/files/import.html", context, status=403)
    form = PlacementImportForm(request.POST or None, request.FILES or None, schools=schools)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        request.session.pop(SESSION_KEY, None)
        upload = form.cleaned_data["file"]
        try:
            result = placements_import(
                actor=user,
                school=form.schools[form.cleaned_data["school"]],
                file_name=upload.name,
                stream=upload,
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if not result.ok:
                import_errors_remember(
                    request, SESSION_KEY, file_name=result.file_name, errors=result.errors
                )
            context.update(result=result, errors_shown=result.errors[:ERRORS_SHOWN])
    return render(request, "internships/files/import.html", context)


@login_required
@require_GET
def import_errors(request: HttpRequest) -> HttpResponse:
    """The error list of the user's last refused placement import, as CSV."""
    return import_errors_response(request, SESSION_KEY, default_stem="实习安排")


@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The blank import template (?format=xlsx|csv)."""
    file_format = request.GET.get("format", "xlsx")
    if file_format not in TEMPLATE_FORMATS:
        raise Http404("没有这种格式的模板。")
    return template_response(file_format)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponseBase:
    """Download the placements the user may see (?format=csv|xlsx&status=&kind=)."""
    file_format = request.GET.get("format", "xlsx")
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    if (
        file_format not in TEMPLATE_FORMATS
        or (status and status not in PlacementState.values)
        or (kind and kind not in PlacementKind.values)
    ):
        messages.error(request, "导出失败：导出格式或筛选条件无效。")
        return _back(request)
    try:
        result = placements_export(
            user=acting_user(request), file_format=file_format, status=status, kind=kind
        )
    except ApplicationError as error:
        messages.error(request, f"导出失败：{error.message}")
        return _back(request)
    return export_response(result)


def _back(request: HttpRequest) -> HttpResponseRedirect:
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if safe and reverse("internships:export") not in referer:
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect(reverse("web:home"))
