"""The statistics page: upload a file, see the counts or every error, list the visible rows."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError, NotFoundError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.tabular import ImportLimits
from chanjiao.common.users import acting_user
from chanjiao.organizations.models import Organization
from chanjiao.statistics.charts import statistics_charts
from chanjiao.statistics.destinations import DESTINATION_CLASSES
from chanjiao.statistics.importing import (
    TEMPLATE_FORMATS,
    TEMPLATES,
    labor_market_import,
    major_year_stats_import,
    statistics_template,
)
from chanjiao.statistics.importing.reading import MAX_STATISTICS_ROWS
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.outcomes import (
    SUPPRESS_BELOW,
    OutcomeTable,
    application_outcomes_for_user,
)
from chanjiao.statistics.permissions import (
    user_can_import_labor_market,
    user_can_import_major_years,
)
from chanjiao.statistics.selectors import major_year_stats_for_user
from chanjiao.students.selectors import school_get

PER_PAGE = 20
OUTCOME_ROWS_SHOWN = 200  # (major, cohort) rows of one school; more only with a year filter
ERRORS_SHOWN = 500
IMPORTS = {"major_year": major_year_stats_import, "labor_market": labor_market_import}


class StatisticsUploadForm(forms.Form):
    kind = forms.ChoiceField(label="数据类型")
    file = forms.FileField(
        label="文件", help_text="CSV（UTF-8 或 GB18030 编码）或 Excel 工作簿（XLSX 格式）"
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]


class StatisticsFilterForm(forms.Form):
    school = forms.IntegerField(label="学校 ID", required=False, min_value=1)
    major = forms.CharField(label="专业代码", required=False, max_length=20)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    region = forms.CharField(label="地区代码", required=False, max_length=12)


def _import_kinds(user: User | AnonymousUser) -> list[tuple[str, str]]:
    kinds = []
    if user_can_import_major_years(user):
        kinds.append(("major_year", "专业点年度统计"))
    if user_can_import_labor_market(user):
        kinds.append(("labor_market", "人社供求统计（求人倍率表）"))
    return kinds


def _outcome_table(request: HttpRequest, filters: StatisticsFilterForm) -> OutcomeTable | None:
    """The platform outcomes of the school filtered for, or of the viewer's only school."""
    data = filters.cleaned_data if filters.is_valid() else {}
    chosen: Organization | None
    if data.get("school"):
        try:
            chosen = school_get(school_id=data["school"])
        except NotFoundError:
            chosen = None
    else:
        own = {m.organization for m in active_memberships(request.user) if m.organization.is_school}
        chosen = own.pop() if len(own) == 1 else None
    if chosen is None:
        return None
    return application_outcomes_for_user(user=request.user, school=chosen, year=data.get("year"))


def _visible_rows(request: HttpRequest, filters: StatisticsFilterForm) -> QuerySet[MajorYearStat]:
    data = filters.cleaned_data if filters.is_valid() else {}
    arguments: dict[str, Any] = {"region": data.get("region") or None}
    if data.get("school"):
        arguments["school_ids"] = [data["school"]]
    if data.get("year"):
        arguments["years"] = [data["year"]]
    if data.get("major"):
        codes = Major.objects.filter(code=data["major"].strip()).values_list("pk", flat=True)
        arguments["major_ids"] = list(codes)
    return major_year_stats_for_user(user=request.user, **arguments)


@login_required
@require_http_methods(["GET", "POST"])
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Show the upload form and the visible 专业点年度统计; import an uploaded file."""
    kinds = _import_kinds(request.user)
    form = StatisticsUploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    context: dict[str, Any] = {"form": form, "kinds": kinds}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        service = IMPORTS[form.cleaned_data["kind"]]
        try:
            result = service(actor=acting_user(request), file_name=upload.name, stream=upload)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            context.update(result=result, errors_shown=result.errors[:ERRORS_SHOWN])
    filters = StatisticsFilterForm(request.GET or None)
    rows = _visible_rows(request, filters)
    limits = ImportLimits.from_settings()
    context.update(
        filters=filters,
        page_obj=Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
        charts=statistics_charts(rows),
        outcomes=_outcome_table(request, filters),
        outcome_rows_shown=OUTCOME_ROWS_SHOWN,
        outcome_rows_shown_slice=f":{OUTCOME_ROWS_SHOWN}",
        suppress_below=SUPPRESS_BELOW,
        querystring_without_page=querystring_without_page(request),
        templates=[(key, template.title) for key, template in TEMPLATES.items()],
        destination_classes=DESTINATION_CLASSES,
        max_rows=min(limits.max_rows, MAX_STATISTICS_ROWS),
    )
    return render(request, "statistics/index.html", context)


@require_GET
def template_download(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    """Download a blank import template."""
    if kind not in TEMPLATES or file_format not in TEMPLATE_FORMATS:
        raise Http404("没有这种导入模板。")
    name, content = statistics_template(kind, file_format)
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
