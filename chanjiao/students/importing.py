"""A school's roster (花名册): confirm at once every pending claim that a roster row matches.

The file is read with the shared hostile-file readers (``chanjiao.common.tabular``). All or
nothing, as every import on the platform: if any row has a problem, nothing is confirmed and every
problem is listed (row number, column, reason). A pending claim of the school matches a row when
the person's real name, the major and the graduation year are the same, and the 学号 too when
both have one; each row confirms at most one claim (the oldest fitting one).
"""

import dataclasses
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Major
from chanjiao.common.tabular import (
    HeaderError,
    ImportFileError,
    ImportIssue,
    ImportLimits,
    ImportResult,
    header_key,
    header_match,
    header_problem,
    table_open,
)
from chanjiao.organizations.models import Organization
from chanjiao.organizations.permissions import user_can_act_for_organization
from chanjiao.students.forms import EARLIEST_YEAR, YEARS_AHEAD
from chanjiao.students.models import StudentClaim
from chanjiao.students.selectors import name_key, school_major_options
from chanjiao.students.services import student_claim_confirm

MAX_ROSTER_ROWS = 20_000
UNMATCHED_SHOWN = 500
ROSTER_REFUSAL = "只有该校的机构管理员或信息员可以导入花名册。"
YEAR_PATTERN = re.compile(r"^(\d{4})(?:\.0+)?\s*(?:年|届)?$")
PHONE_PATTERN = re.compile(r"^1\d{10}$")


@dataclass(frozen=True)
class RosterColumn:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()


ROSTER_COLUMNS = (
    RosterColumn("real_name", "姓名", True, ("real_name", "name")),
    RosterColumn("student_number", "学号", False, ("student_number",)),
    RosterColumn("major", "专业", True, ("major", "专业名称")),
    RosterColumn("graduation_year", "毕业年份", True, ("graduation_year", "毕业年度", "届别")),
    RosterColumn("phone", "手机号", False, ("phone", "手机", "手机号码")),
    RosterColumn("email", "邮箱", False, ("email", "电子邮箱")),
)


@dataclass(frozen=True)
class RosterRow:
    row: int
    real_name: str
    student_number: str
    major: Major
    graduation_year: int


@dataclass
class RosterImportResult(ImportResult):
    """Rows read, claims confirmed, rows that matched no claim, claims still pending."""

    confirmed: int = 0
    unmatched: int = 0
    unmatched_rows: list[dict[str, Any]] = field(default_factory=list)
    remaining: int = 0

    @property
    def message(self) -> str:
        if not self.ok:
            return super().message
        return (
            f"花名册共 {self.rows} 行：确认了 {self.confirmed} 份申请，"
            f"{self.unmatched} 行没有对应的申请，本校还有 {self.remaining} 份申请待确认。"
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the report as plain values (for the API and the audit log)."""
        return {
            "file_name": self.file_name,
            "rows": self.rows,
            "confirmed": self.confirmed,
            "unmatched": self.unmatched,
            "unmatched_rows": self.unmatched_rows,
            "remaining": self.remaining,
            "error_count": self.error_count,
            "message": self.message,
        }


def roster_limits() -> ImportLimits:
    """Return the import limits with the roster's lower row limit."""
    limits = ImportLimits.from_settings()
    return dataclasses.replace(limits, max_rows=min(limits.max_rows, MAX_ROSTER_ROWS))


def roster_template_csv() -> bytes:
    """Return a blank roster (the header only) as CSV, UTF-8 with BOM for Excel."""
    return (",".join(column.label for column in ROSTER_COLUMNS) + "\r\n").encode("utf-8-sig")


def _header_read(cells: list[str], row: int) -> dict[str, tuple[int, str]]:
    lookup: dict[str, RosterColumn] = {}
    for column in ROSTER_COLUMNS:
        for name in (column.label, *column.aliases):
            lookup[header_key(name)] = column
    matched, problems = header_match(lookup, lambda c: c.key, cells, row)
    positions = {column.key: (index, text) for index, column, text in matched}
    missing = [c.label for c in ROSTER_COLUMNS if c.required and c.key not in positions]
    if missing:
        problems.append(header_problem(row, "", "缺少必填列：" + "、".join(missing) + "。"))
    if problems:
        raise HeaderError(problems)
    return positions


class _RowReader:
    """Checks one roster row after another, remembering earlier rows to find repeats."""

    def __init__(self, school: Organization, positions: dict[str, tuple[int, str]]) -> None:
        self.school = school
        self.positions = positions
        self.majors = {name_key(m.name): m for m in school_major_options(school)}
        self.this_year = timezone.localdate().year
        self.seen: dict[tuple[str, int, int, str], int] = {}
        self.numbers: dict[str, int] = {}

    def read(self, row: int, cells: list[str], issues: list[ImportIssue]) -> RosterRow | None:
        values = {key: self._cell(cells, index) for key, (index, _text) in self.positions.items()}
        found = len(issues)
        self._check_extra_cells(row, cells, issues)
        name = values.get("real_name", "")
        number = values.get("student_number", "")
        major = self._major(row, values.get("major", ""), issues)
        year = self._year(row, values.get("graduation_year", ""), issues)
        if not name:
            self._add(issues, row, "real_name", "请填写姓名。")
        elif len(name) > 50:
            self._add(issues, row, "real_name", "姓名最多 50 个字。")
        if len(number) > 30:
            self._add(issues, row, "student_number", "学号最多 30 个字符。")
        self._contact(row, values, issues)
        if len(issues) > found or major is None or year is None:
            return None
        return self._unique(row, RosterRow(row, name, number, major, year), issues)

    @staticmethod
    def _cell(cells: list[str], index: int) -> str:
        return unicodedata.normalize("NFKC", cells[index]).strip() if index < len(cells) else ""

    def _add(self, issues: list[ImportIssue], row: int, key: str, message: str) -> None:
        column = self.positions[key][1] if key in self.positions else key
        issues.append(ImportIssue(row, column, message))

    def _check_extra_cells(self, row: int, cells: list[str], issues: list[ImportIssue]) -> None:
        used = {index for index, _text in self.positions.values()}
        for index, cell in enumerate(cells):
            if cell.strip() and index not in used:
                issues.append(
                    ImportIssue(row, f"第 {index + 1} 列", "该列没有列名，请删除或补上列名。")
                )

    def _major(self, row: int, typed: str, issues: list[ImportIssue]) -> Major | None:
        if not typed:
            self._add(issues, row, "major", "请填写专业名称。")
            return None
        major = self.majors.get(name_key(typed))
        if major is None:
            self._add(issues, row, "major", f"{self.school.name}没有名为“{typed}”的专业。")
        return major

    def _year(self, row: int, typed: str, issues: list[ImportIssue]) -> int | None:
        match = YEAR_PATTERN.match(typed)
        if not typed:
            self._add(issues, row, "graduation_year", "请填写毕业年份。")
        elif match is None:
            self._add(
                issues,
                row,
                "graduation_year",
                f"毕业年份应为四位年份，如 2026（填写的是“{typed}”）。",
            )
        elif not EARLIEST_YEAR <= int(match.group(1)) <= self.this_year + YEARS_AHEAD:
            self._add(
                issues,
                row,
                "graduation_year",
                f"毕业年份应在 {EARLIEST_YEAR} 到 {self.this_year + YEARS_AHEAD} 之间。",
            )
        else:
            return int(match.group(1))
        return None

    def _contact(self, row: int, values: dict[str, str], issues: list[ImportIssue]) -> None:
        phone = re.sub(r"[\s-]", "", values.get("phone", ""))
        if phone and not PHONE_PATTERN.match(phone):
            self._add(issues, row, "phone", "手机号应为 1 开头的 11 位数字。")
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self._add(issues, row, "email", f"邮箱“{email}”格式不正确。")

    def _unique(self, row: int, item: RosterRow, issues: list[ImportIssue]) -> RosterRow | None:
        key = (name_key(item.real_name), item.major.pk, item.graduation_year, item.student_number)
        if key in self.seen:
            self._add(issues, row, "real_name", f"与第 {self.seen[key]} 行重复。")
            return None
        if item.student_number and item.student_number in self.numbers:
            earlier = self.numbers[item.student_number]
            self._add(issues, row, "student_number", f"学号与第 {earlier} 行重复。")
            return None
        self.seen[key] = row
        if item.student_number:
            self.numbers[item.student_number] = row
        return item


def _rows_read(
    *, school: Organization, file_name: str, stream: IO[bytes], result: RosterImportResult
) -> list[RosterRow]:
    parsed: list[RosterRow] = []
    issues: list[ImportIssue] = []
    with table_open(file_name=file_name, stream=stream, limits=roster_limits()) as table:
        rows = table.rows()
        header_row, header_cells = next(rows)
        reader = _RowReader(school, _header_read(header_cells, header_row))
        for row, cells in rows:
            result.rows += 1
            item = reader.read(row, cells, issues)
            if item is not None:
                parsed.append(item)
    if result.rows == 0:
        raise ImportFileError("文件只有表头，没有数据行。", row=header_row + 1)
    for issue in issues:
        result.add(issue)
    return parsed


def _fits(claim: StudentClaim, item: RosterRow) -> bool:
    return (
        name_key(claim.user.real_name) == name_key(item.real_name)
        and claim.major_id == item.major.pk
        and claim.graduation_year == item.graduation_year
        and (
            not claim.student_number
            or not item.student_number
            or name_key(claim.student_number) == name_key(item.student_number)
        )
    )


def _pairs(
    claims: list[StudentClaim], items: list[RosterRow]
) -> list[tuple[RosterRow, StudentClaim | None]]:
    """Give each row the oldest fitting claim not yet taken, preferring one with its 学号."""
    taken: set[int] = set()
    pairs: list[tuple[RosterRow, StudentClaim | None]] = []
    for item in items:
        fitting = [c for c in claims if c.pk not in taken and _fits(c, item)]
        same_number = [c for c in fitting if item.student_number and c.student_number]
        candidates = same_number or fitting
        chosen = candidates[0] if candidates else None
        if chosen is not None:
            taken.add(chosen.pk)
        pairs.append((item, chosen))
    return pairs


def student_roster_import(
    *, actor: User, school: Organization, file_name: str, stream: IO[bytes]
) -> RosterImportResult:
    """Read a school's roster and confirm every pending claim a row matches; all or nothing."""
    if not (school.is_school and user_can_act_for_organization(actor, school)):
        audit_refusal(
            actor=actor, action="student_roster.import", message=ROSTER_REFUSAL, target=school
        )
    result = RosterImportResult(kind="student_roster", file_name=file_name)
    items: list[RosterRow] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless workbook oddities
            items = _rows_read(school=school, file_name=file_name, stream=stream, result=result)
    except ImportFileError as exc:
        for problem in exc.extra["errors"]:
            result.add(ImportIssue(**problem))
    if not result.ok:
        audit_event_record(
            actor=actor,
            action="student_roster.import",
            target=school,
            changes={
                "file_name": file_name,
                "rows": result.rows,
                "error_count": result.error_count,
            },
            result=AuditResult.FAILED,
        )
        return result
    with transaction.atomic():
        _confirm_matches(actor=actor, school=school, items=items, result=result)
        audit_event_record(
            actor=actor,
            action="student_roster.import",
            target=school,
            changes={
                "file_name": file_name,
                "rows": result.rows,
                "confirmed": result.confirmed,
                "unmatched": result.unmatched,
                "remaining": result.remaining,
            },
        )
    return result


def _confirm_matches(
    *, actor: User, school: Organization, items: list[RosterRow], result: RosterImportResult
) -> None:
    claims = list(
        StudentClaim.objects.pending()
        .filter(school=school)
        .select_for_update(of=("self",))
        .select_related("user")
        .order_by("submitted_at", "pk")
    )
    for item, claim in _pairs(claims, items):
        if claim is None:
            result.unmatched += 1
            if len(result.unmatched_rows) < UNMATCHED_SHOWN:
                result.unmatched_rows.append(
                    {"row": item.row, "name": item.real_name, "major": item.major.name}
                )
            continue
        student_claim_confirm(actor=actor, claim=claim)
        result.confirmed += 1
    result.remaining = StudentClaim.objects.pending().filter(school=school).count()
