"""Warning rules as Chinese sentences: one plain function per rule type, from its parameters.

A number the rule reads from the locality's profile (``{"parameter": key}``) is shown with the
profile's current value, so the sentence says what the next evaluation will apply.
"""

from collections.abc import Callable, Mapping
from typing import Any

from chanjiao.early_warning.indicators import INDICATORS
from chanjiao.early_warning.models import Level, RuleType, WarningRule
from chanjiao.early_warning.params import is_reference, parameter_number
from chanjiao.localities.models import PolicyParameter

Values = dict[str, Any]

# What each level asks of the school, as the sentences say it.
LEVEL_ACTIONS = {
    Level.NOTICE: "给予“提示”",
    Level.WARNING: "亮出“预警”",
    Level.REDUCE: "列入“调减”招生",
    Level.STOP: "列入“停招”",
}


def _number(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return "（未设定）"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _percent(rate: Any) -> str:
    if not isinstance(rate, int | float) or isinstance(rate, bool):
        return "（未设定）"
    return f"{_number(round(float(rate) * 100, 4))}%"


def _unknown(value: Any) -> bool:
    return value is None or isinstance(value, dict)


def _indicator_threshold(key: str, below: Any) -> str:
    indicator = INDICATORS.get(key)
    if indicator is None:
        return f"“{key}”低于 {below}"
    if _unknown(below):
        return f"{indicator.label}低于（未设定）"
    if indicator.is_rate:
        return f"{indicator.label}低于 {_percent(below)}"
    return f"{indicator.label}低于 {_number(below)} {indicator.unit}".rstrip()


def _label(key: Any) -> str:
    indicator = INDICATORS.get(str(key))
    return indicator.label if indicator else "（未选择的指标）"


def low_enrollment_text(values: Values) -> str:
    k, below = values.get("consecutive_years"), values.get("enrollment_below")
    how = "每年实际招生人数均" if values.get("basis") == "each_year" else "年均实际招生人数"
    return f"连续 {_number(k)} 年{how}低于 {_number(below)} 人的专业点"


def duplicate_offering_text(values: Values) -> str:
    return f"同一年度本地区超过 {_number(values.get('max_schools'))} 所学校开设的同一专业"


def key_industry_match_text(values: Values) -> str:
    return f"与本地区重点产业匹配度低于 {_percent(values.get('min_score'))} 的专业点"


def low_employment_text(values: Values) -> str:
    label = _label(values.get("indicator"))
    k, below = values.get("consecutive_years"), values.get("below")
    return f"{label}连续 {_number(k)} 年低于 {_percent(below)} 的专业点"


def bottom_percentile_text(values: Values) -> str:
    label = _label(values.get("indicator"))
    k, percent = values.get("consecutive_years"), values.get("percent")
    return f"{label}连续 {_number(k)} 年处于本地区全部专业点后 {_number(percent)}% 的专业点"


def indicators_failing_text(values: Values) -> str:
    items = [i for i in values.get("indicators") or [] if isinstance(i, dict)]
    listed = "、".join(_indicator_threshold(str(i.get("indicator")), i.get("below")) for i in items)
    least = _number(values.get("min_failing"))
    return f"当年 {len(items)} 项指标（{listed}）中至少 {least} 项不达标的专业点"


def needs_data_text(values: Values) -> str:
    data = str(values.get("data") or "相应数据").strip().removeprefix("缺少")
    return f"该条件需要{data}，平台尚未汇集，暂不评估、不产生预警"


CONDITION_TEXTS: dict[str, Callable[[Values], str]] = {
    RuleType.LOW_ENROLLMENT: low_enrollment_text,
    RuleType.DUPLICATE_OFFERING: duplicate_offering_text,
    RuleType.KEY_INDUSTRY_MATCH: key_industry_match_text,
    RuleType.LOW_EMPLOYMENT: low_employment_text,
    RuleType.BOTTOM_PERCENTILE: bottom_percentile_text,
    RuleType.INDICATORS_FAILING: indicators_failing_text,
    RuleType.NEEDS_DATA: needs_data_text,
}

RATE_PARAMS = {(RuleType.KEY_INDUSTRY_MATCH, "min_score"), (RuleType.LOW_EMPLOYMENT, "below")}


def params_current(
    rule_type: str, params: Any, parameters: Mapping[str, PolicyParameter]
) -> Values:
    """The parameters with every profile reference replaced by its value now (None if absent)."""
    if not isinstance(params, dict):
        return {}
    values: Values = {}
    for name, value in params.items():
        if is_reference(value):
            parameter = parameters.get(str(value["parameter"]))
            values[name] = (
                None
                if parameter is None
                else parameter_number(parameter, rate=(rule_type, name) in RATE_PARAMS)
            )
        else:
            values[name] = value
    return values


def basis_text(document_title: str, clause: str) -> str:
    """``依据：《文件》（六）`` — the document and clause a rule comes from."""
    title = document_title.strip().strip("《》")
    where = f"《{title}》" if title else "本地区政策文件"
    return f"依据：{where}{clause.strip()}" if clause.strip() else f"依据：{where}"


def rule_sentence(
    *,
    rule_type: str,
    params: Any,
    level: str,
    clause: str,
    document_title: str,
    parameters: Mapping[str, PolicyParameter] | None = None,
) -> str:
    """The whole rule as one Chinese sentence, e.g.

    ``连续 3 年年均实际招生人数低于 30 人的专业点，列入“调减”招生（依据：《…》（六））。``
    """
    values = params_current(rule_type, params, parameters or {})
    describe = CONDITION_TEXTS.get(rule_type)
    condition = describe(values) if describe else "（未知的规则类型）"
    basis = basis_text(document_title, clause)
    if rule_type == RuleType.NEEDS_DATA:
        return f"{condition}（{basis}）。"
    action = LEVEL_ACTIONS.get(Level(level), "给予提示") if level in Level.values else "给予提示"
    return f"{condition}，{action}（{basis}）。"


def warning_rule_sentence(
    rule: WarningRule, parameters: Mapping[str, PolicyParameter] | None = None
) -> str:
    """``rule_sentence`` for a stored rule."""
    return rule_sentence(
        rule_type=rule.rule_type,
        params=rule.params,
        level=rule.level,
        clause=rule.clause,
        document_title=rule.locality.document_title,
        parameters=parameters,
    )
