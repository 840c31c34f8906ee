"""Web page for bulk imports: upload a file, see the counts or the table of every error."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.tabular.error_download import import_errors_remember, import_errors_response
from chanjiao.common.users import acting_user
from chanjiao.listings.api.import_views import (
    IMPORTABLE_KINDS,
    import_template_response,
)
from chanjiao.listings.importing import (
    TEMPLATE_FORMATS,
    ImportLimits,
    listings_import,
)
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization

SESSION_KEY = "listing_import_errors"
ERRORS_SHOWN = 500


def acting_organizations(user: User | AnonymousUser) -> list[Organization]:
    """Return the organisations in whose name the user may publish (as 机构管理员 or 信息员)."""
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if user_can_act_for_organization(user, m.organization)
    }
    return sorted(found.values(), key=lambda org: org.name)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label="信息类型", choices=IMPORTABLE_KINDS)
    organization = forms.TypedChoiceField(
        label="发布机构",
        coerce=int,
        error_messages={"invalid_choice": "请选择您担任机构管理员或信息员的机构。"},
    )
    file = forms.FileField(
        label="文件", help_text="CSV（UTF-8 或 GB18030 编码）或 Excel 工作簿（.xlsx）"
    )
    submit = forms.BooleanField(label="导入后直接提交审核", required=False)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in organizations}
        field = self.fields["organization"]
        field.choices = [(org.pk, org.name) for org in organizations]  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Show the upload form; import the file and show the counts or every error."""
    organizations = acting_organizations(request.user)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, organizations=organizations
    )
    context: dict[str, Any] = {"form": form, "organizations": organizations}
    if request.method == "POST" and form.is_valid():
        request.session.pop(SESSION_KEY, None)
        upload_file = form.cleaned_data["file"]
        try:
            result = listings_import(
                actor=acting_user(request),
                kind=form.cleaned_data["kind"],
                organization=form.organizations[form.cleaned_data["organization"]],
                file_name=upload_file.name,
                stream=upload_file,
                submit=form.cleaned_data["submit"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            if not result.ok:
                import_errors_remember(
                    request, SESSION_KEY, file_name=result.file_name, errors=result.errors
                )
            context.update(result=result, errors_shown=result.errors[:ERRORS_SHOWN])
    context.update(kinds=IMPORTABLE_KINDS, limits=ImportLimits.from_settings())
    return render(request, "listings/import.html", context)


@login_required
@require_GET
def errors_download(request: HttpRequest) -> HttpResponse:
    """Download the error list of the user's last refused import as CSV."""
    return import_errors_response(request, SESSION_KEY, default_stem="导入")


@require_GET
def template(request: HttpRequest) -> HttpResponse:
    """Download a kind's blank import template (?kind=job&format=xlsx)."""
    kind = request.GET.get("kind", "")
    file_format = request.GET.get("format", "xlsx")
    if kind not in dict(IMPORTABLE_KINDS) or file_format not in TEMPLATE_FORMATS:
        raise Http404("没有这种导入模板。")
    return import_template_response(kind, file_format)
