"""Import a 人社 供求 table (求人倍率 per occupation) from CSV or .xlsx: all or nothing.

Rows are upserted by (地区, 年度, 季度, 职业名称); the ratio is checked against 需求人数 ÷ 求职人数
when both are given (within ``RATIO_TOLERANCE``, the tables round each figure) and computed when
left empty.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Occupation, Region
from chanjiao.common.tabular import ImportIssue
from chanjiao.statistics.importing.cells import (
    CellError,
    Column,
    Header,
    count_read,
    decimal_read,
)
from chanjiao.statistics.importing.reading import (
    StatisticsImportResult,
    import_errors_collected,
    rows_parse,
)
from chanjiao.statistics.models import LaborMarketStat
from chanjiao.statistics.permissions import (
    user_can_import_labor_market,
    user_can_import_labor_market_for,
)

ACTION = "statistics.labor_market_import"
RATIO_TOLERANCE = Decimal("0.02")
NATIONAL = "全国"
TOTAL_WORDS = frozenset({"", "合计", "总计", "全部", "全部职业"})
QUARTER_WORDS = {"全年": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4}
SOURCE_KIND = "人社部门供求统计表（导入）"
FIGURES = ("demand_persons", "jobseekers_persons", "vacancy_ratio", "source_url", "note")
LABOR_MARKET_COLUMNS: tuple[Column, ...] = (
    Column(
        "region_code",
        "地区代码",
        "统计用区划代码，如 4504（梧州市）；与“地区”至少填一项",
        is_text=True,
    ),
    Column("region_name", "地区", "地区名称，如 梧州市；“全国”仅平台管理员可导入", is_text=True),
    Column("year", "年度", "四位年份", required=True),
    Column("quarter", "季度", "1～4，或“全年”（也可写 Q3、第三季度）", required=True, is_text=True),
    Column(
        "occupation_code",
        "职业代码",
        "《职业分类大典》（2022年版）代码，如 6-18-01-01；可不填",
        is_text=True,
    ),
    Column("occupation_name", "职业名称", "表中的职业名称；合计行写“合计”", is_text=True),
    Column("demand_persons", "需求人数", "整数，≥ 0（人）"),
    Column("jobseekers_persons", "求职人数", "整数，≥ 0（人）"),
    Column("vacancy_ratio", "求人倍率", "需求人数 ÷ 求职人数，两位小数；可不填（自动计算）"),
    Column("source_url", "来源网址", "公布该表的网页地址，可不填", is_text=True),
    Column("note", "备注", "可不填", is_text=True),
)
COLUMNS_BY_KEY = {column.key: column for column in LABOR_MARKET_COLUMNS}


@dataclass
class LaborRow:
    row: int
    region: Region | None
    region_label: str
    year: int
    quarter: int
    occupation: Occupation | None
    occupation_label: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.region_label, self.year, self.quarter, self.occupation_label)


def labor_market_import(
    *, actor: User | None, file_name: str, stream: IO[bytes]
) -> StatisticsImportResult:
    """Import a 人社 求人倍率 table all-or-nothing; ``actor`` None is the command-line operator."""
    if actor is not None and not user_can_import_labor_market(actor):
        audit_refusal(
            actor=actor,
            action=ACTION,
            changes={"file_name": file_name},
            message="只有政府管理员或平台管理员可以导入人社供求统计。",
        )
    result = StatisticsImportResult(kind="labor_market", file_name=file_name)
    with import_errors_collected(result):
        _, rows = rows_parse(
            file_name=file_name,
            stream=stream,
            columns=LABOR_MARKET_COLUMNS,
            one_of=(("region_code", "region_name"),),
            result=result,
            parser_for=lambda header: LaborRowParser(actor=actor, header=header),
        )
        if result.ok:
            with transaction.atomic():
                _write(rows, result)
                audit_event_record(actor=actor, action=ACTION, changes=result.as_dict())
    if not result.ok:
        result.refuse()
        audit_event_record(
            actor=actor, action=ACTION, changes=result.as_dict(), result=AuditResult.FAILED
        )
    return result


class LaborRowParser:
    """Check one row of a 求人倍率 table and return a ``LaborRow`` or None with issues."""

    def __init__(self, *, actor: User | None, header: Header) -> None:
        self.actor = actor
        self.header = header
        self.max_year = timezone.localdate().year
        self.seen: dict[tuple[str, int, int, str], int] = {}

    def __call__(
        self, row: int, cells: dict[str, str], issues: list[ImportIssue]
    ) -> LaborRow | None:
        before = len(issues)

        def fail(key: str, message: str) -> None:
            issues.append(ImportIssue(row, self.header.text(key, COLUMNS_BY_KEY), message))

        region = self._region(cells.get("region_code", ""), cells.get("region_name", ""), fail)
        year = _checked(lambda: _year(cells.get("year", ""), self.max_year), "year", fail)
        quarter = _checked(lambda: _quarter(cells.get("quarter", "")), "quarter", fail)
        occupation = self._occupation(cells, fail)
        values = self._figures(cells, fail)
        if len(issues) > before or region is None or occupation is None:
            return None
        parsed = LaborRow(row, region[0], region[1], year, quarter, *occupation, values=values)
        first = self.seen.setdefault(parsed.key, row)
        if first != row:
            fail("occupation_name", f"与第 {first} 行重复：同一地区、年度、季度、职业只能有一行。")
            return None
        return parsed

    def _region(self, code: str, name: str, fail: Any) -> tuple[Region | None, str] | None:
        key = "region_code" if code else "region_name"
        if not code and not name:
            fail("region_name", "请填写地区代码或地区。")
            return None
        if not code and name == NATIONAL:
            found: tuple[Region | None, str] = (None, NATIONAL)
        else:
            regions = list(
                Region.objects.filter(
                    is_active=True, **({"code": code} if code else {"name": name})
                )[:2]
            )
            if len(regions) != 1:
                what = f"地区代码 {code}" if code else f"地区“{name}”"
                fail(key, f"{what}不存在。" if not regions else f"{what}有重名，请填写地区代码。")
                return None
            found = (regions[0], regions[0].name)
        if self.actor is not None and not user_can_import_labor_market_for(self.actor, found[0]):
            fail(key, f"您无权导入“{found[1]}”的统计数据。")
            return None
        return found

    def _occupation(self, cells: dict[str, str], fail: Any) -> tuple[Occupation | None, str] | None:
        code, name = cells.get("occupation_code", ""), cells.get("occupation_name", "")
        if not code:
            return (None, "" if name in TOTAL_WORDS else name)
        occupation = Occupation.objects.filter(code=code, is_active=True).first()
        if occupation is None:
            fail("occupation_code", f"职业代码 {code} 不在《职业分类大典》（2022年版）中。")
            return None
        return (occupation, name or occupation.name)

    def _figures(self, cells: dict[str, str], fail: Any) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in ("demand_persons", "jobseekers_persons"):
            values[key] = _checked(lambda k=key: count_read(cells.get(k, "")), key, fail)
        values["vacancy_ratio"] = _checked(
            lambda: decimal_read(cells.get("vacancy_ratio", "")), "vacancy_ratio", fail
        )
        values["source_url"] = cells.get("source_url", "")[:500]
        values["note"] = cells.get("note", "")
        _ratio_check(values, fail)
        return values


def _checked(read: Any, key: str, fail: Any) -> Any:
    try:
        return read()
    except CellError as error:
        fail(key, str(error))
        return None


def _year(text: str, max_year: int) -> int:
    year = count_read(text)
    if year is None or not 2000 <= year <= max_year:
        raise CellError(f"年度须为 2000～{max_year} 之间的四位年份（{text or '未填写'}）。")
    return year


def _quarter(text: str) -> int:
    word = text.strip().upper().removeprefix("Q").removeprefix("第").removesuffix("季度")
    if word in QUARTER_WORDS:
        return QUARTER_WORDS[word]
    if word in ("1", "2", "3", "4"):
        return int(word)
    raise CellError(f"季度须为 1～4 或“全年”（{text or '未填写'}）。")


def _ratio_check(values: dict[str, Any], fail: Any) -> None:
    demand, seekers, ratio = (
        values[k] for k in ("demand_persons", "jobseekers_persons", "vacancy_ratio")
    )
    if demand is None and seekers is None and ratio is None:
        fail("", "需求人数、求职人数、求人倍率至少填写一项。")
        return
    if demand is None or seekers is None:
        return
    if seekers == 0:
        if ratio is not None:
            fail("vacancy_ratio", "求职人数为 0 时无法计算求人倍率，请留空。")
        return
    computed = (Decimal(demand) / Decimal(seekers)).quantize(Decimal("0.01"))
    if ratio is None:
        values["vacancy_ratio"] = computed
    elif abs(ratio - Decimal(demand) / Decimal(seekers)) > RATIO_TOLERANCE:
        fail(
            "vacancy_ratio",
            f"求人倍率 {ratio} 与需求人数 ÷ 求职人数（{demand} ÷ {seekers} = {computed}）不符。",
        )


def _write(rows: list[LaborRow], result: StatisticsImportResult) -> None:
    stored = {
        (s.region_label, s.year, s.quarter, s.occupation_label): s
        for s in LaborMarketStat.objects.filter(
            region_label__in={r.region_label for r in rows}, year__in={r.year for r in rows}
        )
    }
    for row in rows:
        current = stored.get(row.key)
        wanted = {
            "region_id": row.region.pk if row.region else None,
            "occupation_id": row.occupation.pk if row.occupation else None,
            **row.values,
            "source_kind": SOURCE_KIND,
            "is_demo": False,
        }
        if current is None:
            LaborMarketStat.objects.create(
                region_label=row.region_label,
                year=row.year,
                quarter=row.quarter,
                occupation_label=row.occupation_label,
                **wanted,
            )
            result.created += 1
        elif any(getattr(current, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(current, name, value)
            current.save()
            result.updated += 1
        else:
            result.unchanged += 1
