"""Reads behind the reports and dashboards: each section from the app that owns its numbers.

Demand and supply–demand tables come from the analytics count tables (``analytics.selectors``),
majors under warning from ``early_warning.selectors``, shortage ranks from the forecasts, and
per-major employment and the 人社 totals from ``statistics.selectors``. A section without
figures is reported as missing rather than invented.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.analytics import selectors as analytics
from chanjiao.analytics.selectors import ApportionmentNote
from chanjiao.early_warning.selectors import warning_summary
from chanjiao.forecasting.history import occupation_group_history
from chanjiao.forecasting.models import ForecastLevel
from chanjiao.forecasting.selectors import (
    ForecastView,
    ShortageView,
    forecast_run_latest,
    forecast_view,
)
from chanjiao.localities.models import Locality
from chanjiao.statistics.selectors import labor_market_series, major_year_stats

SMALL_COUNT = 5
TOP = 10
# Platform postings first; the 人社 tables when the year has no postings (e.g. before launch).
DEMAND_SOURCES = (("listings", "平台发布的岗位信息"), ("labor_market", "人社部门供求统计"))


@dataclass(frozen=True)
class ValueRow:
    code: str
    name: str
    value: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class SupplyDemandRow:
    code: str
    name: str
    demand: float | None
    supply: float | None
    gap: float | None
    ratio: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class WarningRow:
    school: str
    major_code: str
    major_name: str
    level: str
    rules: str
    evidence: str


@dataclass(frozen=True)
class EmploymentRow:
    code: str
    name: str
    graduates: int | None
    placed: int | None
    rate: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class LaborTotals:
    demand: float | None
    jobseekers: float | None
    ratio: float | None


@dataclass
class ReportData:
    """Everything one report shows, already suppressed when ``is_public``."""

    locality: Locality
    year: int
    is_public: bool
    demand_by_industry: list[ValueRow] = field(default_factory=list)
    demand_by_occupation: list[ValueRow] = field(default_factory=list)
    supply_demand: list[SupplyDemandRow] = field(default_factory=list)
    warnings: list[WarningRow] = field(default_factory=list)
    warnings_by_major: list[ValueRow] = field(default_factory=list)
    employment: list[EmploymentRow] = field(default_factory=list)
    labor: LaborTotals | None = None
    forecast: ForecastView | None = None
    missing: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    # Why a section is empty, in Chinese, by section (e.g. "人社统计表未按行业分列").
    reasons: dict[str, str] = field(default_factory=dict)
    # How demand coded at 中类/小类 was apportioned to majors (the weights' basis).
    apportionment: list[ApportionmentNote] = field(default_factory=list)

    @property
    def shortage(self) -> list[ShortageView]:
        return [r for r in (self.forecast.shortage if self.forecast else []) if r.is_shortage]

    @property
    def apportioned_groups(self) -> list[ApportionmentNote]:
        return [note for note in self.apportionment if note.majors]

    @property
    def unmatched_groups(self) -> list[ApportionmentNote]:
        return [note for note in self.apportionment if not note.majors]


def _demand_rows(data: ReportData, by: str, source: str) -> list[ValueRow]:
    rows = analytics.demand_table(
        region=data.locality.region, year=data.year, by=by, public=data.is_public, source=source
    )
    result = [
        ValueRow(
            str(r.code),
            r.name,
            None if r.suppressed or r.openings is None else float(r.openings),
            r.suppressed,
        )
        for r in rows
    ]
    return sorted(result, key=lambda r: (-(r.value or 0), r.code))


def _supply_demand_rows(data: ReportData, source: str) -> list[SupplyDemandRow]:
    rows = analytics.supply_demand_table(
        region=data.locality.region,
        year=data.year,
        by="major",
        public=data.is_public,
        source=source,
    )
    result = []
    for r in rows:
        hide = bool(r.suppressed)
        result.append(
            SupplyDemandRow(
                str(r.code),
                r.name,
                None if hide else r.demand,
                None if hide else r.supply,
                None if hide else r.gap,
                None if hide else r.ratio,
                hide,
            )
        )
    return sorted(result, key=lambda r: (-((r.demand or 0) + (r.supply or 0)), r.code))


SECTIONS = (
    ("demand_by_industry", "分行业岗位需求", "industry_section"),
    ("demand_by_occupation", "分职业岗位需求", "occupation_group"),
    ("supply_demand", "分专业供需对比", ""),
)


def _analytics_sections(data: ReportData) -> None:
    sides = analytics.analytics_year_sides(region=data.locality.region).get(data.year, set())
    for section, title, by in SECTIONS:
        for source, label in DEMAND_SOURCES:
            if source not in sides:
                continue
            rows = _demand_rows(data, by, source) if by else _supply_demand_rows(data, source)
            if _has_demand(rows):
                setattr(data, section, rows)
                data.sources[section] = label
                if not by:
                    data.apportionment = analytics.apportionment_notes(
                        region=data.locality.region, year=data.year, source=source
                    )
                break
        else:
            data.reasons[section] = _missing_reason(section, data.year, sides)
            data.missing.append(f"{title}（{data.reasons[section]}）")


def _missing_reason(section: str, year: int, sides: set[str]) -> str:
    """Say in Chinese why a section has no rows for the year."""
    listings, labor = "listings" in sides, "labor_market" in sides
    if not listings and not labor:
        reason = f"{year} 年既无平台岗位数据，也无人社供求统计"
        if section == "supply_demand" and "supply" not in sides:
            reason += "，也无毕业生（供给）数据"
        return reason
    if section == "supply_demand":
        if "supply" not in sides:
            return f"{year} 年无毕业生（供给）数据，无法按专业对比"
        return "岗位需求的职业均无对应专业（专业—职业对应关系未覆盖）"
    what = "行业" if section == "demand_by_industry" else "职业"
    parts = [f"平台岗位均未注明{what}" if listings else f"{year} 年无平台岗位数据"]
    if labor:
        parts.append(f"人社统计表未按{what}分列")
    return "，".join(parts)


def _has_demand(rows: list[Any]) -> bool:
    """Tell whether rows carry demand of a known category (suppressed rows count)."""
    return any(
        r.code and (r.suppressed or getattr(r, "value", None) or getattr(r, "demand", None))
        for r in rows
    )


def _warning_sections(data: ReportData) -> None:
    rows = [
        WarningRow(
            school=item["school"],
            major_code=item["major_code"],
            major_name=item["major_name"],
            level=item["level_label"],
            rules="、".join(item["rules"]),
            evidence=item["evidence"],
        )
        for item in warning_summary(locality=data.locality, year=data.year)
    ]
    rows.sort(key=lambda r: (r.major_code, r.school, r.level))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        counts[(row.major_code, row.major_name)] += 1
    data.warnings_by_major = sorted(
        (ValueRow(code, name, float(n)) for (code, name), n in counts.items()),
        key=lambda r: (-(r.value or 0), r.code),
    )
    # Named schools are for the locality's officers; the public version gives counts only.
    data.warnings = [] if data.is_public else rows


def _employment_section(data: ReportData) -> None:
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for stat in major_year_stats(region=data.locality.region, years=[data.year]):
        if stat.graduates is None:
            continue
        entry = totals[(stat.major.code, stat.major.name)]
        entry[0] += stat.graduates
        entry[1] += (stat.employed or 0) + (stat.further_study or 0)
    rows = []
    for (code, name), (graduates, placed) in sorted(totals.items()):
        hide = data.is_public and 0 < graduates < SMALL_COUNT
        rate = placed / graduates if graduates else None
        rows.append(
            EmploymentRow(
                code,
                name,
                None if hide else graduates,
                None if hide else placed,
                None if hide else rate,
                hide,
            )
        )
    data.employment = rows


def _labor_section(data: ReportData) -> None:
    rows = list(
        labor_market_series(region=data.locality.region)
        .filter(year=data.year, quarter=0, occupation__isnull=True)
        .values_list("demand_persons", "jobseekers_persons", "vacancy_ratio")
    )
    if not rows:
        data.labor = _labor_from_groups(data)
        return
    if rows:
        demand, seekers, ratio = rows[0]
        data.labor = LaborTotals(
            demand,
            seekers,
            float(ratio)
            if ratio is not None
            else (demand / seekers if demand is not None and seekers else None),
        )


def _labor_from_groups(data: ReportData) -> LaborTotals | None:
    """Sum the occupation rows of the year when the 人社 table has no total row."""
    groups = occupation_group_history(region=data.locality.region)
    demand = [g.demand[data.year] for g in groups if data.year in g.demand]
    seekers = [g.supply[data.year] for g in groups if data.year in g.supply]
    if not demand:
        return None
    total, sought = sum(demand), (sum(seekers) if seekers else None)
    return LaborTotals(total, sought, total / sought if sought else None)


def report_data(
    *, locality: Locality, year: int, is_public: bool, fetched_by: User | AnonymousUser | None
) -> ReportData:
    """Gather every section of the yearly report for a locality and year."""
    data = ReportData(locality=locality, year=year, is_public=is_public)
    _analytics_sections(data)
    _warning_sections(data)
    _employment_section(data)
    _labor_section(data)
    # A public report suppresses small series whoever renders it.
    data.forecast = forecast_view(
        locality=locality,
        level=ForecastLevel.OCCUPATION_GROUP,
        fetched_by=fetched_by,
        is_public=is_public,
    )
    return data


@dataclass(frozen=True)
class YearChoice:
    """The year a dashboard or report shows by default, and why (in Chinese)."""

    year: int
    has_data: bool  # False: the locality has no figures at all yet
    note: str


def report_year_choice(*, locality: Locality) -> YearChoice:
    """Pick the latest year with both supply (graduates) and demand; never year 0.

    Supply is compared with demand of the same year only, so a year with one side alone would
    leave the per-major comparison empty. Without such a year: the latest complete year with any
    figures (count tables, forecasts, 人社 tables); without any figures: the current year, and
    ``has_data`` False.
    """
    current = timezone.localdate().year
    sides = analytics.analytics_year_sides(region=locality.region)
    both = analytics.years_with_both_sides(sides)
    if both:
        year = max(both)
        running = "（本年度，数据截至目前）" if year >= current else ""
        return YearChoice(
            year,
            True,
            f"默认显示{year}年{running}：供给（毕业生）与需求（岗位）数据都有的最近年度。",
        )
    years = list(sides)
    run = forecast_run_latest(locality=locality, level=ForecastLevel.OCCUPATION_GROUP)
    if run is not None:
        years.append(run.base_year)
    latest = labor_market_series(region=locality.region).aggregate(latest=Max("year"))["latest"]
    if latest is not None:
        years.append(latest)
    if not years:
        return YearChoice(current, False, f"{locality.name}尚无任何供需数据，先显示{current}年。")
    # A finished year first; the running one only when nothing else exists.
    complete = [y for y in years if y < current]
    year = max(complete or years)
    side = _side_label(sides.get(year, set()))
    return YearChoice(
        year,
        True,
        f"默认显示{year}年：尚无供给与需求数据都有的年度，显示有数据的最近年度（{side}）。",
    )


def _side_label(sides: set[str]) -> str:
    if "supply" in sides:
        return "只有毕业生（供给）数据"
    if sides:
        return "只有岗位需求数据"
    return "只有人社统计或预测数据"


def report_default_year(*, locality: Locality) -> int:
    """Return the year the dashboard and the current reports show by default (never 0)."""
    return report_year_choice(locality=locality).year


@dataclass
class BulletinData:
    """The quarterly employment publication: 人社 figures of the quarter and shortage ranks."""

    locality: Locality
    year: int
    quarter: int
    is_public: bool
    totals: LaborTotals | None = None
    occupations: list[SupplyDemandRow] = field(default_factory=list)
    forecast: ForecastView | None = None

    @property
    def shortage(self) -> list[ShortageView]:
        return [r for r in (self.forecast.shortage if self.forecast else []) if r.is_shortage]


def _ratio(demand: float | None, seekers: float | None) -> float | None:
    return demand / seekers if demand is not None and seekers else None


def bulletin_data(
    *,
    locality: Locality,
    year: int,
    quarter: int,
    is_public: bool,
    fetched_by: User | AnonymousUser | None,
) -> BulletinData:
    """Gather the quarter's 人社 供求 figures per occupation and the current shortage ranks."""
    data = BulletinData(locality=locality, year=year, quarter=quarter, is_public=is_public)
    rows = labor_market_series(region=locality.region).filter(year=year, quarter=quarter)
    sums = [0.0, 0.0]
    for row in rows:
        demand, seekers = row.demand_persons, row.jobseekers_persons
        if row.occupation_id is None:
            data.totals = LaborTotals(demand, seekers, _ratio(demand, seekers))
            continue
        sums[0] += demand or 0
        sums[1] += seekers or 0
        counts = [c for c in (demand, seekers) if c is not None]
        hide = is_public and bool(counts) and min(counts) < SMALL_COUNT
        code = row.occupation.code if row.occupation else ""
        data.occupations.append(
            SupplyDemandRow(
                code,
                row.occupation_label or str(row.occupation),
                None if hide else demand,
                None if hide else seekers,
                None if hide or demand is None or seekers is None else demand - seekers,
                None if hide else _ratio(demand, seekers),
                hide,
            )
        )
    data.occupations.sort(key=lambda r: (-(r.demand or 0), r.code))
    if data.totals is None and data.occupations:
        data.totals = LaborTotals(sums[0], sums[1], _ratio(sums[0], sums[1]))
    data.forecast = forecast_view(
        locality=locality,
        level=ForecastLevel.OCCUPATION_GROUP,
        fetched_by=fetched_by,
        is_public=is_public,
    )
    return data
