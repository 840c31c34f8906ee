"""Page forms of the warning rules: one labelled field per parameter, checked by the service.

Rates are typed as percentages (80 for 80%) and stored as 0–1; a number the rule reads from the
locality's profile is shown read-only with its source and kept as a reference.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms

from chanjiao.early_warning.indicators import EMPLOYMENT_INDICATORS, INDICATORS
from chanjiao.early_warning.models import Level, RuleType, WarningRule
from chanjiao.early_warning.params import (
    BASIS_LABELS,
    MAX_YEARS,
    PARAM_LABELS,
    is_reference,
    parameter_number,
)
from chanjiao.localities.models import PolicyParameter

PREFIX = "p_"
INDICATOR_PREFIX = "ind_"


@dataclass(frozen=True)
class Param:
    """One parameter on the form: its name, Chinese label, unit and kind."""

    name: str
    label: str
    unit: str = ""
    kind: str = "number"  # number | integer | percent | choice | text
    low: float = 0
    high: float | None = None
    choices: tuple[tuple[str, str], ...] = ()


def _indicator_choices(keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((key, INDICATORS[key].label) for key in keys)


YEARS = Param("consecutive_years", "连续年数", "年", "integer", 1, MAX_YEARS)
PARAMS: dict[str, list[Param]] = {
    RuleType.LOW_ENROLLMENT: [
        Param("enrollment_below", "招生人数低于", "人", "number", 1, 100000),
        YEARS,
        Param("basis", "计算口径", kind="choice", choices=tuple(BASIS_LABELS.items())),
    ],
    RuleType.DUPLICATE_OFFERING: [Param("max_schools", "开设学校数超过", "所", "integer", 1, 1000)],
    RuleType.KEY_INDUSTRY_MATCH: [
        Param("min_score", "与重点产业匹配度低于", "%", "percent", 0, 100)
    ],
    RuleType.LOW_EMPLOYMENT: [
        Param(
            "indicator",
            "就业指标",
            kind="choice",
            choices=_indicator_choices(EMPLOYMENT_INDICATORS),
        ),
        Param("below", "低于", "%", "percent", 0, 100),
        YEARS,
    ],
    RuleType.BOTTOM_PERCENTILE: [
        Param(
            "indicator", "排名指标", kind="choice", choices=_indicator_choices(tuple(INDICATORS))
        ),
        Param("percent", "处于后百分之几", "%", "number", 1, 99),
        YEARS,
    ],
    RuleType.INDICATORS_FAILING: [
        Param("min_failing", "不达标项数至少", "项", "integer", 1, len(INDICATORS))
    ],
    RuleType.NEEDS_DATA: [Param("data", "所需数据", kind="text")],
}


def _messages(label: str) -> dict[str, str]:
    return {
        "required": f"请填写“{label}”。",
        "invalid": f"“{label}”应为数字。",
        "min_value": f"“{label}”应不小于 %(limit_value)s。",
        "max_value": f"“{label}”应不大于 %(limit_value)s。",
        "invalid_choice": f"“{label}”的选项无效，请重新选择。",
        "max_decimal_places": f"“{label}”最多保留 %(max)s 位小数。",
        "max_digits": f"“{label}”位数过多。",
        "max_whole_digits": f"“{label}”位数过多。",
    }


def _unit_label(label: str, unit: str) -> str:
    return f"{label}（{unit}）" if unit else label


def _field(param: Param, *, required: bool = True) -> forms.Field:
    label = _unit_label(param.label, param.unit)
    errors = _messages(param.label)
    if param.kind == "choice":
        return forms.ChoiceField(label=label, choices=param.choices, error_messages=errors)
    if param.kind == "text":
        return forms.CharField(
            label=label,
            max_length=200,
            error_messages={**errors, "max_length": f"“{param.label}”不超过 200 字。"},
            help_text="如“办学水平评价数据”",
        )
    high = None if param.high is None else Decimal(str(param.high))
    if param.kind == "integer":
        return forms.IntegerField(
            label=label,
            required=required,
            min_value=int(param.low),
            max_value=None if high is None else int(high),
            error_messages={**errors, "invalid": f"“{param.label}”应为整数。"},
        )
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(str(param.low)),
        max_value=high,
        max_digits=12,
        decimal_places=4,
        error_messages=errors,
    )


def _stored(param: Param, value: Decimal | int | str) -> Any:
    """The form's value as the rule stores it: rates 0–1, whole numbers as int."""
    if not isinstance(value, Decimal):
        return value
    number = value / 100 if param.kind == "percent" else value
    return int(number) if number == number.to_integral_value() else float(number)


def _shown(param: Param, value: Any) -> Any:
    """A stored number as the form shows it (rates as percentages)."""
    if param.kind == "percent" and isinstance(value, int | float):
        value = round(value * 100, 4)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _indicator_field(key: str) -> forms.Field:
    indicator = INDICATORS[key]
    param = Param(
        key,
        f"{indicator.label}低于",
        "%" if indicator.is_rate else indicator.unit,
        "percent" if indicator.is_rate else "number",
        0,
        100 if indicator.is_rate else 1000000,
    )
    field = _field(param, required=False)
    field.help_text = "留空表示不考核此项"
    return field


class WarningRuleForm(forms.Form):
    level = forms.ChoiceField(label="预警等级", choices=Level.choices)
    exempt_majors = forms.CharField(
        label="豁免专业代码",
        required=False,
        help_text="以逗号或空格分隔，如 550304, 750305",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    is_active = forms.BooleanField(label="启用", required=False)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        data: Any = None,
        *,
        rule: WarningRule,
        parameters: Mapping[str, PolicyParameter],
    ) -> None:
        super().__init__(data, initial=self._initial(rule))
        self.rule = rule
        self.references: dict[str, Any] = {}
        params = rule.params if isinstance(rule.params, dict) else {}
        new_fields: dict[str, forms.Field] = {}
        for param in PARAMS.get(rule.rule_type, []):
            field = _field(param)
            value = params.get(param.name)
            if is_reference(value):
                # Kept as a reference: the number lives in the locality's profile.
                self.references[param.name] = value
                source = parameters.get(str(value["parameter"]))
                field.disabled = True
                field.required = False
                if source is None:
                    field.help_text = "取自地区配置，但地区配置中没有该参数，暂不能评估"
                else:
                    number = parameter_number(source, rate=param.kind == "percent")
                    field.initial = _shown(param, number)
                    field.help_text = (
                        f"取自{rule.locality.name}地区配置参数“{source.label}”"
                        f"（依据文件{source.clause}），请在地区配置中修改"
                    )
            else:
                field.initial = _shown(param, value)
            new_fields[PREFIX + param.name] = field
        if rule.rule_type == RuleType.INDICATORS_FAILING:
            current = {
                i.get("indicator"): i.get("below")
                for i in params.get("indicators") or []
                if isinstance(i, dict)
            }
            for key in INDICATORS:
                field = _indicator_field(key)
                if key in current:
                    field.initial = _shown(
                        Param(key, "", kind="percent" if INDICATORS[key].is_rate else "number"),
                        current[key],
                    )
                new_fields[INDICATOR_PREFIX + key] = field
        self.fields = {**new_fields, **self.fields}

    @staticmethod
    def _initial(rule: WarningRule) -> dict[str, Any]:
        return {
            "level": rule.level,
            "exempt_majors": ", ".join(m.code for m in rule.exempt_majors.all()),
            "is_active": rule.is_active,
            "note": rule.note,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.rule.rule_type == RuleType.INDICATORS_FAILING:
            chosen = [k for k in INDICATORS if cleaned.get(INDICATOR_PREFIX + k) is not None]
            if not chosen:
                raise forms.ValidationError("请至少为一项指标填写不达标的界限。")
            least = cleaned.get(PREFIX + "min_failing")
            if least is not None and least > len(chosen):
                self.add_error(
                    PREFIX + "min_failing",
                    f"“不达标项数至少”不能多于已填写的指标数（{len(chosen)} 项）。",
                )
        return cleaned

    def params(self) -> dict[str, Any]:
        """The rule's ``params`` from the fields, references kept as they were."""
        params: dict[str, Any] = {}
        if self.rule.rule_type == RuleType.INDICATORS_FAILING:
            items = []
            for key in INDICATORS:
                value = self.cleaned_data.get(INDICATOR_PREFIX + key)
                if value is not None:
                    kind = "percent" if INDICATORS[key].is_rate else "number"
                    items.append(
                        {"indicator": key, "below": _stored(Param(key, "", kind=kind), value)}
                    )
            params["indicators"] = items
        for param in PARAMS.get(self.rule.rule_type, []):
            if param.name in self.references:
                params[param.name] = self.references[param.name]
            else:
                params[param.name] = _stored(param, self.cleaned_data[PREFIX + param.name])
        return params

    def service_data(self) -> dict[str, Any]:
        """Return the values as ``warning_rule_update`` expects them."""
        codes = self.cleaned_data["exempt_majors"].replace("，", ",").replace(",", " ").split()
        return {
            "params": self.params(),
            "level": self.cleaned_data["level"],
            "exempt_majors": codes,
            "is_active": self.cleaned_data["is_active"],
            "note": self.cleaned_data["note"],
        }

    def add_service_errors(self, errors: list[str]) -> None:
        """Show the service's ``params.name: message`` errors next to their fields, in Chinese."""
        for error in errors:
            path, _, message = error.partition(":")
            message = message.strip() or error
            parts = path.strip().split(".")
            name = parts[-1] if parts[0] == "params" else parts[0]
            if parts[0] == "params" and PREFIX + name in self.fields:
                label = PARAM_LABELS.get(name, name)
                self.add_error(
                    PREFIX + name, f"“{self.fields[PREFIX + name].label or label}”：{message}"
                )
            elif name in self.fields:
                self.add_error(name, f"“{self.fields[name].label}”：{message}")
            else:
                self.add_error(None, message)
