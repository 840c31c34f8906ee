"""Check a warning rule's parameters against its type; every problem is reported by name.

A number may be written as a reference to the locality's profile, ``{"parameter": "<key>"}``:
the rule then reads that policy parameter (``localities.PolicyParameter``) at each evaluation,
so the number lives in one place (梧州's 30 people and 3 years, for example). A rate (0–1)
read from a parameter in ``%`` is divided by 100.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeGuard

from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.indicators import EMPLOYMENT_INDICATORS, INDICATORS
from chanjiao.early_warning.models import RuleType
from chanjiao.localities.models import Comparison, PolicyParameter, format_number

MAX_YEARS = 10
REFERENCE = "parameter"

# The Chinese names of the parameters, for pages and messages.
PARAM_LABELS = {
    "enrollment_below": "年均招生人数低于",
    "consecutive_years": "连续年数",
    "basis": "口径",
    "max_schools": "开设学校数超过",
    "min_score": "匹配度低于",
    "indicator": "指标",
    "below": "低于",
    "percent": "后百分比",
    "indicators": "指标及阈值",
    "min_failing": "不达标项数至少",
    "data": "所需数据",
}
BASIS_LABELS = {"average": "年均", "each_year": "每年均"}


class RuleDataError(ApplicationError):
    """Rule data refused; ``errors`` lists every problem as ``路径: 原因``."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("预警规则数据有误：" + "；".join(errors), extra={"errors": errors})
        self.errors = errors


def is_reference(value: Any) -> TypeGuard[dict[str, Any]]:
    """Whether a parameter value points at a locality policy parameter."""
    return isinstance(value, dict) and set(value) == {REFERENCE}


def params_references(params: Any) -> dict[str, str]:
    """Return ``{param name: policy parameter key}`` for every number read from the profile."""
    if not isinstance(params, dict):
        return {}
    return {name: str(value[REFERENCE]) for name, value in params.items() if is_reference(value)}


def parameter_number(parameter: PolicyParameter, *, rate: bool) -> int | float:
    """A policy parameter's value as a rule number: whole numbers as int, ``%`` rates as 0–1."""
    value: Decimal = parameter.value
    if rate and parameter.unit == "%":
        value = value / 100
    return int(value) if value == value.to_integral_value() else float(value)


def parameter_source(parameter: PolicyParameter) -> dict[str, Any]:
    """Where a rule's number comes from, as kept in the evidence and shown on the pages."""
    return {
        "parameter": parameter.key,
        "label": parameter.label,
        "value": format_number(parameter.value),
        "unit": parameter.unit,
        "rule_text": parameter.rule_text,
        "clause": parameter.clause,
        "locality_id": parameter.locality_id,
    }


class _Check:
    """The problems found so far, and the numbers read from the locality's profile."""

    def __init__(self, parameters: Mapping[str, PolicyParameter] | None) -> None:
        self.errors: list[str] = []
        self.parameters = parameters
        self.resolved: dict[str, Any] = {}
        self.sources: dict[str, dict[str, Any]] = {}


def _number(
    params: dict[str, Any],
    name: str,
    check: _Check,
    *,
    low: float,
    high: float | None,
    integer: bool = False,
    path: str = "params",
) -> None:
    value = params.get(name)
    origin = ""
    if is_reference(value):
        key = value[REFERENCE]
        if path != "params" or not isinstance(key, str) or not key:
            form = '{"parameter": "参数键"}'
            check.errors.append(f"{path}.{name}: 引用地区配置参数应写作 {form}")
            return
        if check.parameters is None:
            return  # Only the form is checked; the value is read at evaluation.
        parameter = check.parameters.get(key)
        if parameter is None:
            check.errors.append(f"{path}.{name}: 地区配置中没有参数“{key}”")
            return
        if parameter.comparison == Comparison.RANGE:
            check.errors.append(
                f"{path}.{name}: 地区配置参数“{parameter.label}”是区间，不能作为阈值"
            )
            return
        value = parameter_number(parameter, rate=high == 1)
        check.resolved[name] = value
        check.sources[name] = parameter_source(parameter)
        origin = f"（取自地区配置参数“{parameter.label}”）"
    kind = "整数" if integer else "数值"
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
    ):
        shown = f"，现为 {value}" if origin else ""
        check.errors.append(f"{path}.{name}: 应为{kind}{shown}{origin}")
        return
    if high is None and value < low:
        check.errors.append(f"{path}.{name}: 应不小于 {_shown(low)}，现为 {value}{origin}")
    elif high is not None and not low <= value <= high:
        check.errors.append(
            f"{path}.{name}: 应在 {_shown(low)} 至 {_shown(high)} 之间，现为 {value}{origin}"
        )


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choice(
    params: dict[str, Any],
    name: str,
    choices: tuple[str, ...],
    check: _Check,
    path: str = "params",
) -> None:
    if params.get(name) not in choices:
        check.errors.append(f"{path}.{name}: 应为 {'、'.join(choices)} 之一")


def _years(params: dict[str, Any], check: _Check) -> None:
    _number(params, "consecutive_years", check, low=1, high=MAX_YEARS, integer=True)


def _low_enrollment(params: dict[str, Any], check: _Check) -> None:
    _number(params, "enrollment_below", check, low=1, high=100000)
    _years(params, check)
    params.setdefault("basis", "average")
    _choice(params, "basis", ("average", "each_year"), check)


def _duplicate_offering(params: dict[str, Any], check: _Check) -> None:
    _number(params, "max_schools", check, low=1, high=1000, integer=True)


def _key_industry_match(params: dict[str, Any], check: _Check) -> None:
    _number(params, "min_score", check, low=0, high=1)


def _low_employment(params: dict[str, Any], check: _Check) -> None:
    _choice(params, "indicator", EMPLOYMENT_INDICATORS, check)
    _number(params, "below", check, low=0, high=1)
    _years(params, check)


def _bottom_percentile(params: dict[str, Any], check: _Check) -> None:
    _choice(params, "indicator", tuple(INDICATORS), check)
    _number(params, "percent", check, low=1, high=99)
    _years(params, check)


def _indicators_failing(params: dict[str, Any], check: _Check) -> None:
    items = params.get("indicators")
    if not isinstance(items, list) or not items:
        check.errors.append("params.indicators: 应为非空列表，每项含 indicator 与 below")
        return
    seen = set()
    for index, item in enumerate(items):
        path = f"params.indicators[{index}]"
        if not isinstance(item, dict) or set(item) - {"indicator", "below"}:
            check.errors.append(f"{path}: 应为仅含 indicator 与 below 的对象")
            continue
        _choice(item, "indicator", tuple(INDICATORS), check, path=path)
        high = (
            1
            if item.get("indicator") in INDICATORS and INDICATORS[item["indicator"]].is_rate
            else None
        )
        _number(item, "below", check, low=0, high=high, path=path)
        if item.get("indicator") in seen:
            check.errors.append(f"{path}.indicator: 指标 {item['indicator']} 重复")
        seen.add(item.get("indicator"))
    _number(params, "min_failing", check, low=1, high=len(items), integer=True)


def _needs_data(params: dict[str, Any], check: _Check) -> None:
    data = params.get("data")
    if not isinstance(data, str) or not data.strip() or len(data) > 200:
        check.errors.append("params.data: 应写明所缺数据（不超过 200 字），如“办学水平评价数据”")


_CHECKS = {
    RuleType.LOW_ENROLLMENT: (_low_enrollment, {"enrollment_below", "consecutive_years", "basis"}),
    RuleType.DUPLICATE_OFFERING: (_duplicate_offering, {"max_schools"}),
    RuleType.KEY_INDUSTRY_MATCH: (_key_industry_match, {"min_score"}),
    RuleType.LOW_EMPLOYMENT: (_low_employment, {"indicator", "below", "consecutive_years"}),
    RuleType.BOTTOM_PERCENTILE: (_bottom_percentile, {"indicator", "percent", "consecutive_years"}),
    RuleType.INDICATORS_FAILING: (_indicators_failing, {"indicators", "min_failing"}),
    RuleType.NEEDS_DATA: (_needs_data, {"data"}),
}


def _checked(
    rule_type: str, params: Any, parameters: Mapping[str, PolicyParameter] | None
) -> _Check:
    check = _Check(parameters)
    if rule_type not in _CHECKS:
        check.errors.append(
            f"rule_type: 未知的规则类型“{rule_type}”，应为 {'、'.join(RuleType.values)} 之一"
        )
        return check
    if not isinstance(params, dict):
        check.errors.append("params: 应为对象")
        return check
    validate, allowed = _CHECKS[RuleType(rule_type)]
    unknown = sorted(set(params) - allowed)
    check.errors += [f"params.{name}: 该规则类型没有此参数" for name in unknown]
    validate(params, check)
    return check


def params_errors(
    rule_type: str, params: Any, *, parameters: Mapping[str, PolicyParameter] | None = None
) -> list[str]:
    """Return every problem of ``params`` for a rule of this type (empty when they are valid).

    With ``parameters`` (the locality's policy parameters by key) each reference must name one
    of them and its value must suit the rule; without, only the reference's form is checked.
    Defaults are filled into ``params``; references stay references.
    """
    return _checked(rule_type, params, parameters).errors


def params_resolve(
    rule_type: str, params: Any, *, parameters: Mapping[str, PolicyParameter]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Return the parameters with every reference replaced by the profile's current value,
    and where each such value came from; refuse invalid ones (``RuleDataError``)."""
    cleaned = dict(params) if isinstance(params, dict) else params
    check = _checked(rule_type, cleaned, parameters)
    if check.errors:
        raise RuleDataError(check.errors)
    return {**cleaned, **check.resolved}, check.sources


def params_display(
    rule_type: str, params: Any, parameters: Mapping[str, PolicyParameter]
) -> list[dict[str, Any]]:
    """Rows for the pages: each parameter's Chinese name, its value now, and its source."""
    if not isinstance(params, dict):
        return []
    rows = []
    for name, value in params.items():
        row: dict[str, Any] = {"name": name, "label": PARAM_LABELS.get(name, name), "source": None}
        if is_reference(value):
            parameter = parameters.get(str(value[REFERENCE]))
            if parameter is None:
                row["value"] = f"地区配置中没有参数“{value[REFERENCE]}”，暂不能评估"
                row["missing"] = True
            else:
                number = parameter_number(parameter, rate=_is_rate(rule_type, name))
                row["value"] = _shown_value(rule_type, name, params, number)
                row["source"] = parameter_source(parameter)
        else:
            row["value"] = _shown_value(rule_type, name, params, value)
        rows.append(row)
    return rows


def _is_rate(rule_type: str, name: str) -> bool:
    return (rule_type, name) in {
        (RuleType.KEY_INDUSTRY_MATCH, "min_score"),
        (RuleType.LOW_EMPLOYMENT, "below"),
    }


def _shown_value(rule_type: str, name: str, params: dict[str, Any], value: Any) -> str:
    if name == "basis":
        return BASIS_LABELS.get(value, str(value))
    if name == "indicator" and value in INDICATORS:
        return INDICATORS[value].label
    if name == "indicators" and isinstance(value, list):
        return "；".join(
            f"{INDICATORS[i['indicator']].label}低于{INDICATORS[i['indicator']].format(i['below'])}"
            for i in value
            if isinstance(i, dict) and i.get("indicator") in INDICATORS
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _is_rate(rule_type, name):
            return f"{value * 100:g}%"
        if name == "percent":
            return f"{value:g}%"
        return f"{value:g}"
    return str(value)
