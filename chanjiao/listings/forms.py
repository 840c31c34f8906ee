"""Web-only form helpers for the item pages; every rule is checked by validation.py's forms."""

from typing import Any

from django import forms

from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.validation import BaseListingForm, listing_form_class
from chanjiao.organizations.models import Organization

YES_NO_CHOICES = [("", "—"), ("是", "是"), ("否", "否")]
ISO_DATE = "%Y-%m-%d"
# Fields typed by name get type-ahead choices from /api/v1/catalogs/suggest/<catalogue>/ (site.js).
SUGGEST_CATALOGS = {
    "region_code": "region",
    "occupation_code": "occupation",
    "industry_code": "industry",
    "major_codes": "major",
}
PLACEHOLDERS = {
    "region_code": "输入名称，如 万秀区",
    "occupation_code": "输入名称，如 车工；不填则按标题自动识别",
    "industry_code": "输入名称，如 精制茶加工",
    "major_codes": "输入名称，如 护理（高职专科）；多个用逗号分隔",
}


def listing_web_form(
    spec: KindSpec, *, data: Any = None, initial: dict[str, Any] | None = None
) -> BaseListingForm:
    """Return the kind's validation form, with widgets suited to a browser."""
    initial = dict(initial or {})
    form = listing_form_class(spec.kind.value)(data=data, initial=initial)
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.DateInput):
            # ``<input type=date>`` only understands ISO dates; the zh-hans default is 2026/01/05.
            field.widget.format = ISO_DATE
        if name in PLACEHOLDERS:
            field.widget.attrs["placeholder"] = PLACEHOLDERS[name]
        if name in SUGGEST_CATALOGS:
            field.widget.attrs.update(
                {"data-suggest": SUGGEST_CATALOGS[name], "autocomplete": "off"}
            )
            if name == "major_codes":
                field.widget.attrs["data-suggest-multiple"] = "1"
    if "occupation_code" in form.fields:
        # The title suggests the occupation as the user types (site.js calls the classifier).
        form.fields["title"].widget.attrs["data-suggest-occupation"] = "id_occupation_code"
    for detail in spec.details:
        if detail.type == "bool":
            form.fields[detail.name].widget = forms.Select(choices=YES_NO_CHOICES)
            value = initial.get(detail.name)
            form.initial[detail.name] = "" if value is None else ("是" if value else "否")
    return form


class PublisherForm(forms.Form):
    """The organisation in whose name an item is written, among those the user may act for."""

    organization = forms.TypedChoiceField(
        label="发布机构",
        coerce=int,
        error_messages={
            "required": "请选择发布机构。",
            "invalid_choice": "请选择您可以代表发布该类信息的机构"
            "（您须是该机构的机构管理员或信息员）。",
        },
    )

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {org.pk: org for org in organizations}
        field = self.fields["organization"]
        field.choices = [(org.pk, org.name) for org in organizations]  # type: ignore[attr-defined]
        if len(organizations) == 1:
            field.initial = organizations[0].pk

    def chosen_organization(self) -> Organization:
        """Return the chosen organisation (after ``is_valid``)."""
        return self.organizations[self.cleaned_data["organization"]]
