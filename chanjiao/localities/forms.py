"""The page form for one policy parameter; the service checks it with the API's rules."""

from typing import Any

from django import forms

from chanjiao.localities.models import Comparison, PolicyParameter, format_number

# Every field is optional here: ``policy_parameter_update`` checks the values with the same
# rules (and the same Chinese messages) as the API and ``load_localities``.
FORM_FIELDS = ["label", "comparison", "value", "value_max", "unit", "clause", "quote"]


class PolicyParameterForm(forms.Form):
    label = forms.CharField(label="参数名称", required=False, max_length=200)
    comparison = forms.ChoiceField(label="比较方式", choices=Comparison.choices, required=False)
    value = forms.CharField(
        label="数值", required=False, max_length=40, help_text="只填数字，如 30、0.5；单位另填"
    )
    value_max = forms.CharField(
        label="区间上限", required=False, max_length=40, help_text="仅比较方式为“区间”时填写"
    )
    unit = forms.CharField(
        label="单位", required=False, max_length=20, help_text="如 人、年、%、家"
    )
    clause = forms.CharField(
        label="条款", required=False, max_length=100, help_text="如（六）、二（三）6"
    )
    quote = forms.CharField(
        label="原文摘录", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_for(cls, parameter: PolicyParameter) -> dict[str, Any]:
        """Return the form's starting values: the parameter as stored."""
        initial = {name: getattr(parameter, name) for name in FORM_FIELDS}
        initial["value"] = format_number(parameter.value)
        initial["value_max"] = format_number(parameter.value_max)
        return initial

    def service_data(self) -> dict[str, Any]:
        """Return the submitted values as the service expects them (blank bound → none)."""
        data = {name: self.cleaned_data.get(name, "") for name in FORM_FIELDS}
        data["value_max"] = data["value_max"] or None
        return data

    def add_service_errors(self, errors: list[str]) -> None:
        """Show the service's ``field: message`` errors next to their fields."""
        for error in errors:
            # The API's messages name the stored choice; the form shows its Chinese label.
            error = error.replace(" range（区间）", "“区间”")
            name, _, message = error.partition(": ")
            if name in self.fields:
                self.add_error(name, message)
            else:
                self.add_error(None, error)
