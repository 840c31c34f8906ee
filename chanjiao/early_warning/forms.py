"""Page forms of the warning rules; the service checks the values with the API's rules."""

import json
from typing import Any

from django import forms

from chanjiao.early_warning.models import Level, WarningRule


class WarningRuleForm(forms.Form):
    params = forms.CharField(
        label="参数（JSON）",
        help_text='写作 {"parameter": "参数键"} 的数值取自地区配置，请在地区配置中修改',
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    level = forms.ChoiceField(label="预警等级", choices=Level.choices)
    exempt_majors = forms.CharField(
        label="豁免专业代码",
        required=False,
        help_text="以逗号或空格分隔，如 550304, 750305",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(label="启用", required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def initial_for(cls, rule: WarningRule) -> dict[str, Any]:
        """Return the form's starting values: the rule as stored."""
        return {
            "params": json.dumps(rule.params, ensure_ascii=False, indent=2),
            "level": rule.level,
            "exempt_majors": ", ".join(m.code for m in rule.exempt_majors.all()),
            "is_active": rule.is_active,
            "note": rule.note,
        }

    def clean_params(self) -> Any:
        try:
            return json.loads(self.cleaned_data["params"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(f"不是有效的 JSON（第 {error.lineno} 行）") from error

    def service_data(self) -> dict[str, Any]:
        """Return the values as ``warning_rule_update`` expects them."""
        codes = self.cleaned_data["exempt_majors"].replace("，", ",").replace(",", " ").split()
        return {**self.cleaned_data, "exempt_majors": codes}

    def add_service_errors(self, errors: list[str]) -> None:
        """Show the service's ``field: message`` errors next to their fields."""
        for error in errors:
            name = error.split(":", 1)[0].split(".", 1)[0]
            self.add_error(name if name in self.fields else None, error)
