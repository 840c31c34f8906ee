"""Check a warning rule's parameters against its type; every problem is reported by name."""

from typing import Any

from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.indicators import EMPLOYMENT_INDICATORS, INDICATORS
from chanjiao.early_warning.models import RuleType

MAX_YEARS = 10


class RuleDataError(ApplicationError):
    """Rule data refused; ``errors`` lists every problem as ``路径: 原因``."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("预警规则数据有误：" + "；".join(errors), extra={"errors": errors})
        self.errors = errors


def _number(
    params: dict[str, Any],
    name: str,
    errors: list[str],
    *,
    low: float,
    high: float | None,
    integer: bool = False,
    path: str = "params",
) -> None:
    value = params.get(name)
    kind = "整数" if integer else "数值"
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not isinstance(value, int))
    ):
        errors.append(f"{path}.{name}: 应为{kind}")
        return
    if high is None and value < low:
        errors.append(f"{path}.{name}: 应不小于 {_shown(low)}，现为 {value}")
    elif high is not None and not low <= value <= high:
        errors.append(f"{path}.{name}: 应在 {_shown(low)} 至 {_shown(high)} 之间，现为 {value}")


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _choice(
    params: dict[str, Any],
    name: str,
    choices: tuple[str, ...],
    errors: list[str],
    path: str = "params",
) -> None:
    if params.get(name) not in choices:
        errors.append(f"{path}.{name}: 应为 {'、'.join(choices)} 之一")


def _years(params: dict[str, Any], errors: list[str]) -> None:
    _number(params, "consecutive_years", errors, low=1, high=MAX_YEARS, integer=True)


def _low_enrollment(params: dict[str, Any], errors: list[str]) -> None:
    _number(params, "enrollment_below", errors, low=1, high=100000)
    _years(params, errors)
    params.setdefault("basis", "average")
    _choice(params, "basis", ("average", "each_year"), errors)


def _duplicate_offering(params: dict[str, Any], errors: list[str]) -> None:
    _number(params, "max_schools", errors, low=1, high=1000, integer=True)


def _key_industry_match(params: dict[str, Any], errors: list[str]) -> None:
    _number(params, "min_score", errors, low=0, high=1)


def _low_employment(params: dict[str, Any], errors: list[str]) -> None:
    _choice(params, "indicator", EMPLOYMENT_INDICATORS, errors)
    _number(params, "below", errors, low=0, high=1)
    _years(params, errors)


def _bottom_percentile(params: dict[str, Any], errors: list[str]) -> None:
    _choice(params, "indicator", tuple(INDICATORS), errors)
    _number(params, "percent", errors, low=1, high=99)
    _years(params, errors)


def _indicators_failing(params: dict[str, Any], errors: list[str]) -> None:
    items = params.get("indicators")
    if not isinstance(items, list) or not items:
        errors.append("params.indicators: 应为非空列表，每项含 indicator 与 below")
        return
    seen = set()
    for index, item in enumerate(items):
        path = f"params.indicators[{index}]"
        if not isinstance(item, dict) or set(item) - {"indicator", "below"}:
            errors.append(f"{path}: 应为仅含 indicator 与 below 的对象")
            continue
        _choice(item, "indicator", tuple(INDICATORS), errors, path=path)
        high = (
            1
            if item.get("indicator") in INDICATORS and INDICATORS[item["indicator"]].is_rate
            else None
        )
        _number(item, "below", errors, low=0, high=high, path=path)
        if item.get("indicator") in seen:
            errors.append(f"{path}.indicator: 指标 {item['indicator']} 重复")
        seen.add(item.get("indicator"))
    _number(params, "min_failing", errors, low=1, high=len(items), integer=True)


_CHECKS = {
    RuleType.LOW_ENROLLMENT: (_low_enrollment, {"enrollment_below", "consecutive_years", "basis"}),
    RuleType.DUPLICATE_OFFERING: (_duplicate_offering, {"max_schools"}),
    RuleType.KEY_INDUSTRY_MATCH: (_key_industry_match, {"min_score"}),
    RuleType.LOW_EMPLOYMENT: (_low_employment, {"indicator", "below", "consecutive_years"}),
    RuleType.BOTTOM_PERCENTILE: (_bottom_percentile, {"indicator", "percent", "consecutive_years"}),
    RuleType.INDICATORS_FAILING: (_indicators_failing, {"indicators", "min_failing"}),
}


def params_errors(rule_type: str, params: Any) -> list[str]:
    """Return every problem of ``params`` for a rule of this type (empty when they are valid)."""
    if rule_type not in _CHECKS:
        return [f"rule_type: 未知的规则类型“{rule_type}”，应为 {'、'.join(RuleType.values)} 之一"]
    if not isinstance(params, dict):
        return ["params: 应为对象"]
    check, allowed = _CHECKS[RuleType(rule_type)]
    errors = [f"params.{name}: 该规则类型没有此参数" for name in sorted(set(params) - allowed)]
    check(params, errors)
    return errors


def params_clean(rule_type: str, params: Any) -> dict[str, Any]:
    """Return a copy of the parameters with defaults filled in; refuse invalid ones."""
    cleaned = dict(params) if isinstance(params, dict) else params
    errors = params_errors(rule_type, cleaned)
    if errors:
        raise RuleDataError(errors)
    return cleaned
