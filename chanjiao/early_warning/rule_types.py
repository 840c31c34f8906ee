"""The warning rule types as plain functions over Facts; each returns hits with their evidence.

Every comparison is strict ("below N", "more than M"): a value exactly at the threshold is not
flagged. Numbers are compared exactly (``Fraction``), so 29.9 < 30 and 30 is not below 30.
"""

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from chanjiao.early_warning.facts import Facts, Pair, window, years_text
from chanjiao.early_warning.indicators import INDICATORS, indicator_value


@dataclass(frozen=True)
class Hit:
    school_id: int
    major_id: int
    evidence: dict[str, Any]
    summary: str


@dataclass
class RuleOutcome:
    hits: list[Hit] = field(default_factory=list)
    insufficient: list[dict[str, Any]] = field(default_factory=list)
    # Why the whole rule could not be judged (data the platform does not hold), or None.
    not_evaluated: str | None = None

    def lack(self, pair: Pair, reason: str) -> None:
        """Record that a pair could not be judged, and why (证据不足)."""
        self.insufficient.append({"school_id": pair[0], "major_id": pair[1], "reason": reason})


def _exact(value: Any) -> Fraction:
    return Fraction(str(value))


def _plain(value: Fraction | float) -> float:
    return round(float(value), 4)


def _series(facts: Facts, pair: Pair, key: str, years: list[int]) -> dict[int, float | None]:
    return {year: indicator_value(key, facts.stat(pair, year)) for year in years}


def _missing_years(series: dict[int, float | None]) -> list[int]:
    return [year for year, value in series.items() if value is None]


def low_enrollment(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag majors whose yearly average (or every year's) enrollment over K years is below N."""
    below, k, basis = params["enrollment_below"], params["consecutive_years"], params["basis"]
    years = window(facts.year, k)
    outcome = RuleOutcome()
    for pair in pairs:
        series = _series(facts, pair, "actual_enrollment", years)
        if missing := _missing_years(series):
            outcome.lack(pair, f"缺少{'、'.join(map(str, missing))}年实际招生数，不足连续{k}年")
            continue
        total = sum(_exact(value) for value in series.values())
        average = total / k
        if basis == "average":
            is_hit = average < _exact(below)
        else:
            is_hit = all(_exact(value) < _exact(below) for value in series.values())
        if not is_hit:
            continue
        numbers = "、".join(f"{int(v)}" for v in series.values())  # type: ignore[arg-type]
        what = "年均" if basis == "average" else "每年均"
        summary = (
            f"{years_text(years)}实际招生 {numbers} 人，年均 {float(average):.1f} 人，"
            f"{what}低于 {below:g} 人"
        )
        evidence = {
            "years": years,
            "actual_enrollment": {str(y): v for y, v in series.items()},
            "average": _plain(average),
            "threshold": {"enrollment_below": below, "consecutive_years": k, "basis": basis},
        }
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def duplicate_offering(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag a major offered by more than M schools of the locality in the year (设置雷同)."""
    most = params["max_schools"]
    by_major = facts.offerings.get(facts.year, {})
    outcome = RuleOutcome()
    for pair in pairs:
        schools = by_major.get(pair[1], set())
        if len(schools) <= most:
            continue
        names = sorted(facts.school_names.get(s, str(s)) for s in schools)
        evidence = {
            "years": [facts.year],
            "schools_offering": len(schools),
            "schools": names,
            "threshold": {"max_schools": most},
        }
        summary = f"{facts.year}年全市 {len(schools)} 所学校开设该专业，超过 {most} 所"
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def key_industry_match(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag majors whose match with the locality's key industries is below the minimum score."""
    least = params["min_score"]
    outcome = RuleOutcome()
    for pair in pairs:
        match = facts.match.get(pair[1])
        if match is None:
            gap = facts.match_gaps.get(pair[1])
            outcome.lack(
                pair, "证据不足：" + (gap or "专业—职业—行业对照中没有该专业可对应到行业的职业")
            )
            continue
        if _exact(match.score) >= _exact(least):
            continue
        evidence = {
            "years": [facts.year],
            "score": round(match.score, 4),
            "linked_weight": round(match.linked_weight, 4),
            "matched_weight": round(match.matched_weight, 4),
            "occupations": match.occupations,
            "key_industries": facts.key_industry_labels,
            "threshold": {"min_score": least},
        }
        summary = f"与本地重点产业匹配度 {match.score * 100:.1f}%，低于 {least * 100:g}%"
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def low_employment(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag majors whose employment indicator is below the threshold in each of K years."""
    key, below, k = params["indicator"], params["below"], params["consecutive_years"]
    indicator = INDICATORS[key]
    years = window(facts.year, k)
    outcome = RuleOutcome()
    for pair in pairs:
        series = _series(facts, pair, key, years)
        if missing := _missing_years(series):
            outcome.lack(pair, f"缺少{'、'.join(map(str, missing))}年{indicator.label}")
            continue
        if not all(_exact(value) < _exact(below) for value in series.values()):
            continue
        graduates = {str(y): getattr(facts.stat(pair, y), "graduates", None) for y in years}
        evidence = {
            "years": years,
            "indicator": key,
            "values": {str(y): round(v, 4) for y, v in series.items()},  # type: ignore[arg-type]
            "graduates": graduates,
            "threshold": {"below": below, "consecutive_years": k},
        }
        numbers = "、".join(indicator.format(v) for v in series.values())
        summary = (
            f"{years_text(years)}{indicator.label} {numbers}，连续 {k} 年低于 "
            f"{indicator.format(below)}"
        )
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def _bottom_in_year(facts: Facts, key: str, year: int, percent: Any) -> dict[Pair, dict[str, Any]]:
    """Rank every pair of the locality in one year; return the bottom ones with their rank."""
    values = {
        pair: value
        for pair, stat in facts.stats_in_year(year).items()
        if (value := indicator_value(key, stat)) is not None
    }
    ordered = sorted(_exact(v) for v in values.values())
    count = len(ordered)
    cut = int(count * _exact(percent) / 100)
    if cut < 1:
        return {}
    cut_value = ordered[cut - 1]
    bottom = {}
    for pair, value in values.items():
        at_or_below = bisect_right(ordered, _exact(value))
        # A tie that straddles the cut-off is left out whole: equal values, equal treatment.
        if at_or_below <= cut:
            bottom[pair] = {
                "value": round(value, 4),
                "rank": at_or_below,
                "of": count,
                "cut_count": cut,
                "cut_value": _plain(cut_value),
            }
    return bottom


def bottom_percentile(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag majors in the locality's bottom P% of an indicator in each of K consecutive years."""
    key, percent, k = params["indicator"], params["percent"], params["consecutive_years"]
    indicator = INDICATORS[key]
    years = window(facts.year, k)
    bottoms = {year: _bottom_in_year(facts, key, year, percent) for year in years}
    outcome = RuleOutcome()
    for pair in pairs:
        if not all(pair in bottoms[year] for year in years):
            continue
        per_year = {str(year): bottoms[year][pair] for year in years}
        evidence = {
            "years": years,
            "indicator": key,
            "ranks": per_year,
            "threshold": {"percent": percent, "consecutive_years": k},
        }
        numbers = "、".join(
            f"{indicator.format(item['value'])}（{item['of']}个专业点中第{item['rank']}低）"
            for item in per_year.values()
        )
        summary = f"{years_text(years)}{indicator.label} {numbers}，连续 {k} 年处于后 {percent:g}%"
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def indicators_failing(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """Flag majors failing at least F of the listed indicators in the year."""
    items, least = params["indicators"], params["min_failing"]
    outcome = RuleOutcome()
    for pair in pairs:
        stat = facts.stat(pair, facts.year)
        results = []
        for item in items:
            value = indicator_value(item["indicator"], stat)
            failing = value is not None and _exact(value) < _exact(item["below"])
            results.append({**item, "value": value, "failing": failing})
        failed = [r for r in results if r["failing"]]
        if len(failed) < least:
            if len(failed) + sum(r["value"] is None for r in results) >= least:
                outcome.lack(pair, f"{facts.year}年部分指标无数据，无法判断")
            continue
        evidence = {
            "years": [facts.year],
            "indicators": results,
            "failing": len(failed),
            "threshold": {"min_failing": least, "of": len(items)},
        }
        names = "、".join(
            f"{INDICATORS[r['indicator']].label} {INDICATORS[r['indicator']].format(r['value'])}"
            for r in failed
        )
        summary = f"{facts.year}年 {len(items)} 项指标中 {len(failed)} 项不达标：{names}"
        outcome.hits.append(Hit(pair[0], pair[1], evidence, summary))
    return outcome


def needs_data(params: dict[str, Any], facts: Facts, pairs: list[Pair]) -> RuleOutcome:
    """A condition of the document the platform holds no data for: say so, flag nobody."""
    return RuleOutcome(not_evaluated=not_evaluated_text(params["data"]))


def not_evaluated_text(data: str) -> str:
    """The Chinese sentence for a rule that cannot be judged for lack of data."""
    data = data.strip()
    return f"缺少{data.removeprefix('缺少')}，暂不能评估"


RULE_FUNCTIONS: dict[str, Callable[[dict[str, Any], Facts, list[Pair]], RuleOutcome]] = {
    "low_enrollment": low_enrollment,
    "duplicate_offering": duplicate_offering,
    "key_industry_match": key_industry_match,
    "low_employment": low_employment,
    "bottom_percentile": bottom_percentile,
    "indicators_failing": indicators_failing,
    "needs_data": needs_data,
}
