"""The indicators warning rules compare: each read from one MajorYearStat row."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _ratio(numerator: Any, denominator: Any) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    is_rate: bool
    read: Callable[[Any], float | None]

    def format(self, value: float | None) -> str:
        """Write a value for Chinese text: rates as percentages, counts as they are."""
        if value is None:
            return "无数据"
        if self.is_rate:
            return f"{value * 100:.1f}%"
        if float(value).is_integer():
            return f"{int(value)}{self.unit}"
        return f"{value:.1f}{self.unit}"


INDICATORS: dict[str, Indicator] = {
    item.key: item
    for item in [
        Indicator(
            "actual_enrollment",
            "实际招生数",
            "人",
            False,
            lambda s: None if s.actual_enrollment is None else float(s.actual_enrollment),
        ),
        Indicator(
            "enrollment_fill_rate",
            "招生计划完成率",
            "",
            True,
            lambda s: _ratio(s.actual_enrollment, s.planned_enrollment),
        ),
        Indicator("employment_rate", "毕业去向落实率", "", True, lambda s: s.employment_rate),
        Indicator(
            "related_employment_rate",
            "专业相关就业率",
            "",
            True,
            lambda s: s.related_employment_rate,
        ),
        Indicator(
            "local_employment_rate",
            "本地就业率",
            "",
            True,
            lambda s: _ratio(s.employed_local, s.employed),
        ),
        Indicator(
            "avg_starting_salary",
            "平均起薪",
            "元/月",
            False,
            lambda s: None if s.avg_starting_salary is None else float(s.avg_starting_salary),
        ),
    ]
}

EMPLOYMENT_INDICATORS = ("employment_rate", "related_employment_rate", "local_employment_rate")


def indicator_value(key: str, stat: Any) -> float | None:
    """Return one indicator of one MajorYearStat row, or None when its inputs are missing."""
    if stat is None:
        return None
    return INDICATORS[key].read(stat)
