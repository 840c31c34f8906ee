"""The columns of a 专业点年度统计 file and the check of one row on its own (pass 1).

Cross-column rules that need the row already stored (a column left out of the file keeps the
stored value) are checked afterwards, in ``major_year_checks``.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Major
from chanjiao.common.tabular import ImportIssue
from chanjiao.organizations.models import Organization
from chanjiao.statistics.destinations import DESTINATION_CLASSES
from chanjiao.statistics.importing.cells import (
    CellError,
    Column,
    Header,
    count_read,
    decimal_read,
)
from chanjiao.statistics.permissions import user_can_import_for_school

MIN_YEAR = 2000
SALARY_MIN = Decimal(800)
SALARY_MAX = Decimal(50_000)
DETAIL_PREFIX = "details."
COUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("planned_enrollment", "计划招生数"),
    ("actual_enrollment", "实际招生数"),
    ("students_on_roll", "在校生数"),
    ("graduates", "毕业生数"),
    ("employed", "就业人数"),
    ("further_study", "升学人数"),
    ("not_employed", "未就业人数"),
)
TAIL_FIELDS: tuple[tuple[str, str], ...] = (
    ("employed_local", "本地就业人数"),
    ("employed_related", "专业相关就业人数"),
)
FIGURE_FIELDS = (
    *(name for name, _ in COUNT_FIELDS + TAIL_FIELDS),
    "avg_starting_salary",
)
SCHOOL_COLUMNS = ("school_credit_code", "school_name")


def _columns() -> tuple[Column, ...]:
    columns = [
        Column(
            "school_credit_code",
            "学校统一社会信用代码",
            "18 位，与“学校名称”至少填一项",
            is_text=True,
        ),
        Column(
            "school_name",
            "学校名称",
            "平台中登记的学校全称；同名时请填统一社会信用代码",
            is_text=True,
        ),
        Column(
            "major_code", "专业代码", "现行专业目录代码，如 460103", required=True, is_text=True
        ),
        Column("year", "年度", f"四位年份，{MIN_YEAR} 至明年", required=True),
    ]
    columns += [Column(name, label, "整数，≥ 0") for name, label in COUNT_FIELDS]
    for destination in DESTINATION_CLASSES:
        columns += [
            Column(DETAIL_PREFIX + key, label, f"整数，≥ 0；计入“{destination.label}”")
            for key, label in destination.sub_cases
        ]
    columns += [Column(name, label, "整数，≥ 0，不大于就业人数") for name, label in TAIL_FIELDS]
    columns += [
        Column(
            "avg_starting_salary", "平均起薪", f"元/月，{SALARY_MIN}～{SALARY_MAX}，最多两位小数"
        ),
        Column(
            "source", "数据来源", "如“2025 年毕业生就业质量年度报告”，最多 200 字", is_text=True
        ),
    ]
    return tuple(columns)


MAJOR_YEAR_COLUMNS = _columns()
COLUMNS_BY_KEY = {column.key: column for column in MAJOR_YEAR_COLUMNS}


@dataclass
class ParsedRow:
    """A row that passed the single-cell checks: its school, major, year and given figures."""

    row: int
    school: Organization
    major: Major
    year: int
    figures: dict[str, Any] = field(default_factory=dict)
    details: dict[str, int | None] = field(default_factory=dict)
    source: str | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.school.pk, self.major.pk, self.year)


class SchoolLookup:
    """Find the school a row names, and check the importer's right to it (answers cached)."""

    def __init__(self, actor: User | None) -> None:
        self.actor = actor
        self.by_code: dict[str, Organization | None] = {}
        self.by_name: dict[str, list[Organization]] = {}
        self.allowed: dict[int, bool] = {}

    def find(self, code: str, name: str) -> tuple[Organization | None, str, str]:
        """Return (school, column key, reason); a reason means the row names no usable school."""
        if not code and not name:
            return None, "school_name", "请填写学校统一社会信用代码或学校名称。"
        school, column, reason = self._named(code.upper(), name)
        if school is None:
            return None, column, reason
        if not school.is_school:
            return None, column, f"“{school.name}”是{school.get_org_type_display()}，不是学校。"
        if not self._may_import(school):
            return None, column, f"您无权导入“{school.name}”的统计数据。"
        return school, column, ""

    def _named(self, code: str, name: str) -> tuple[Organization | None, str, str]:
        if code:
            if code not in self.by_code:
                self.by_code[code] = (
                    Organization.objects.select_related("region").filter(credit_code=code).first()
                )
            school = self.by_code[code]
            if school is None:
                return None, "school_credit_code", f"平台中没有统一社会信用代码为 {code} 的机构。"
            if name and name != school.name:
                reason = f"统一社会信用代码 {code} 属于“{school.name}”，与学校名称“{name}”不符。"
                return None, "school_name", reason
            return school, "school_credit_code", ""
        if name not in self.by_name:
            self.by_name[name] = list(
                Organization.objects.select_related("region").filter(name=name)[:2]
            )
        found = self.by_name[name]
        if not found:
            return None, "school_name", f"平台中没有名为“{name}”的机构。"
        if len(found) > 1:
            return None, "school_name", f"平台中有多个名为“{name}”的机构，请填写统一社会信用代码。"
        return found[0], "school_name", ""

    def _may_import(self, school: Organization) -> bool:
        if school.pk not in self.allowed:
            self.allowed[school.pk] = self.actor is None or user_can_import_for_school(
                self.actor, school
            )
        return self.allowed[school.pk]


class MajorYearRowParser:
    """Check each row's cells on their own and return a ``ParsedRow`` or None with issues."""

    def __init__(self, *, actor: User | None, header: Header) -> None:
        self.schools = SchoolLookup(actor)
        self.majors = {m.code: m for m in Major.objects.filter(is_active=True)}
        self.header = header
        self.max_year = timezone.localdate().year + 1
        self.seen: dict[tuple[int, int, int], int] = {}

    def header_text(self, key: str) -> str:
        """Return a column's header as written in the file (its label when absent)."""
        return self.header.text(key, COLUMNS_BY_KEY) if key else ""

    def __call__(
        self, row: int, cells: dict[str, str], issues: list[ImportIssue]
    ) -> ParsedRow | None:
        before = len(issues)

        def fail(key: str, message: str) -> None:
            issues.append(ImportIssue(row, self.header_text(key), message))

        school, column, reason = self.schools.find(
            cells.get("school_credit_code", ""), cells.get("school_name", "")
        )
        if reason:
            fail(column, reason)
        major = self._major(cells.get("major_code", ""), fail)
        year = self._year(cells.get("year", ""), fail)
        figures, details = self._figures(cells, fail)
        if len(issues) > before or school is None or major is None or year is None:
            return None
        parsed = ParsedRow(row, school, major, year, figures, details, cells.get("source"))
        return self._unique(parsed, fail)

    def _major(self, code: str, fail: Any) -> Major | None:
        if not code:
            fail("major_code", "专业代码必填。")
            return None
        code = code.strip().upper()
        # Excel drops the leading zero of a code typed as a number (080901 → 80901).
        major = self.majors.get(code) or (
            self.majors.get(code.zfill(6)) if code.isdigit() and len(code) == 5 else None
        )
        if major is None:
            fail("major_code", f"专业代码 {code} 不是现行专业目录中的专业。")
        return major

    def _year(self, text: str, fail: Any) -> int | None:
        try:
            year = count_read(text)
        except CellError:
            year = None
        if year is None:
            fail("year", f"年度须为四位年份（{text or '未填写'}）。")
            return None
        if not MIN_YEAR <= year <= self.max_year:
            fail("year", f"年度 {year} 超出范围，应在 {MIN_YEAR}～{self.max_year} 之间。")
            return None
        return year

    def _figures(
        self, cells: dict[str, str], fail: Any
    ) -> tuple[dict[str, Any], dict[str, int | None]]:
        figures: dict[str, Any] = {}
        details: dict[str, int | None] = {}
        for key, text in cells.items():
            column = COLUMNS_BY_KEY[key]
            if column.is_text or key == "year":
                continue
            try:
                value = _figure(key, text)
            except CellError as error:
                fail(key, str(error))
                continue
            if key.startswith(DETAIL_PREFIX):
                details[key.removeprefix(DETAIL_PREFIX)] = value
            else:
                figures[key] = value
        if "source" in cells and len(cells["source"]) > 200:
            fail("source", "数据来源最多 200 字。")
        return figures, details

    def _unique(self, parsed: ParsedRow, fail: Any) -> ParsedRow | None:
        first = self.seen.setdefault(parsed.key, parsed.row)
        if first != parsed.row:
            fail("major_code", f"与第 {first} 行重复：同一学校、专业、年度只能有一行。")
            return None
        return parsed


def _figure(key: str, text: str) -> Any:
    if key != "avg_starting_salary":
        return count_read(text)
    salary = decimal_read(text)
    if salary is not None and not SALARY_MIN <= salary <= SALARY_MAX:
        hint = "（请按月薪填写，不是年薪）" if salary > SALARY_MAX else ""
        raise CellError(
            f"平均起薪 {salary} 元/月不合理，应在 {SALARY_MIN}～{SALARY_MAX} 元/月之间{hint}。"
        )
    return salary
