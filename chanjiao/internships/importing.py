"""Import of placements from a school's spreadsheet (CSV or .xlsx): all or nothing.

One row per student placement. The file is read with the shared hostile-file readers
(``chanjiao.common.tabular``); each row is turned into the same ``PlacementInput`` the API and the
pages build and handed to ``placement_create`` inside one transaction, so every row is checked
exactly as a single entry is — the values, the mentors and the red lines (a breach is a row error
naming the column and the article). Counting the unit's share sees the rows of the file written
before it. If any row has a problem, the transaction is rolled back and every problem is listed.

Natural key: student + enterprise + kind + start date. A row whose key already has a placement
that is not cancelled is *unchanged* when its values are the same, *updated* (through
``placement_update``) when the placement is still planned or signed, and an error otherwise; so
importing the same file twice changes nothing.
"""

import csv
import dataclasses
import datetime
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships
from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError
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
from chanjiao.internships.models import Placement, PlacementKind, PlacementState
from chanjiao.internships.services import (
    PlacementInput,
    StudentEntry,
    placement_create,
    placement_input_of,
    placement_update,
)
from chanjiao.organizations.models import SCHOOL_TYPES, Organization
from chanjiao.organizations.permissions import user_can_act_for_organization
from chanjiao.students.models import StudentProfile

ACTION = "placement.import"
MAX_PLACEMENT_ROWS = 5_000
REFUSAL = "只有学校的机构管理员或信息员可以导入实习安排。"
TEMPLATE_FORMATS = ("csv", "xlsx")
DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
YES = {"是", "有", "y", "yes", "true", "1", "√"}
NO = {"否", "无", "n", "no", "false", "0", ""}
KIND_WORDS = {
    **{label: value for value, label in PlacementKind.choices},
    **{value: value for value in PlacementKind.values},
    "认识": PlacementKind.COGNITIVE,
    "跟岗": PlacementKind.FOLLOW,
    "顶岗实习": PlacementKind.POST,  # the name before the 2021 regulation
    "岗位": PlacementKind.POST,
}


@dataclass(frozen=True)
class PlacementColumn:
    key: str  # the PlacementInput field, or student / enterprise / …
    label: str
    required: bool
    kind: str  # text, date, hours, money, count, yesno, kind, user
    hint: str
    aliases: tuple[str, ...] = ()


C = PlacementColumn
PLACEMENT_COLUMNS: tuple[PlacementColumn, ...] = (
    C("student_number", "学号", False, "text", "学生在本校的学号（与学生账号二选一）"),
    C("student_username", "学生账号", False, "text", "学生在平台的用户名（与学号二选一）"),
    C("birth_date", "出生日期", False, "date", "学生档案没有出生日期时填写，如 2006-05-01"),
    C("kind", "实习类型", True, "kind", "认识实习、跟岗实习或岗位实习"),
    C("enterprise", "实习单位", False, "text", "单位全称（与统一社会信用代码二选一）"),
    C("credit_code", "统一社会信用代码", False, "text", "18 位代码（填写时按代码查找单位）"),
    C("post_name", "实习岗位", True, "text", "岗位名称，最多 100 字"),
    C("address", "实习地点", True, "text", "详细地址，最多 200 字"),
    C("venue_description", "场所说明", False, "text", "如：生产车间、门店、酒店前台"),
    C("start_date", "开始日期", True, "date", "如 2026-03-02"),
    C("end_date", "结束日期", True, "date", "如 2026-06-30"),
    C("daily_hours", "每日工时", True, "hours", "小时，如 8"),
    C("weekly_hours", "每周工时", True, "hours", "小时，如 40"),
    C("monthly_pay", "月实习报酬", False, "money", "元/月；岗位实习必填"),
    C("probation_wage", "该岗位试用期工资", False, "money", "元/月；岗位实习必填"),
    C("post_staff_count", "该岗位在岗人数", False, "count", "人；岗位实习必填"),
    C("has_night_shift", "夜班", False, "yesno", "是 / 否"),
    C("has_overtime", "加班", False, "yesno", "是 / 否"),
    C("has_holiday_work", "节假日", False, "yesno", "是 / 否（休息日或法定节假日实习）"),
    C("charges_fees", "收取费用", False, "yesno", "是 / 否（押金、培训费、管理费等）"),
    C("withholds_id_documents", "扣押证件", False, "yesno", "是 / 否"),
    C("via_intermediary", "中介安排", False, "yesno", "是 / 否（通过中介或有偿代理安排）"),
    C("school_mentor", "校内指导教师", False, "user", "本校教师在平台的用户名"),
    C("enterprise_mentor", "企业指导教师", False, "user", "实习单位人员在平台的用户名"),
)
COLUMNS_BY_KEY = {column.key: column for column in PLACEMENT_COLUMNS}
# The services' field names → the column that holds the value.
FIELD_COLUMNS = {
    "students": "student_number",
    "birth_date": "birth_date",
    "enrollment_year": "start_date",
    "unit_staff": "enterprise",
    "employee_count": "enterprise",
    "enterprise": "enterprise",
}


@dataclass
class PlacementImportResult(ImportResult):
    """The counts of a placement import (created, updated, unchanged) or every problem."""

    @property
    def message(self) -> str:
        if self.ok:
            return (
                f"导入完成：共 {self.rows} 行，新增 {self.created} 条实习安排，"
                f"更新 {self.updated} 条，未变化 {self.unchanged} 条。"
            )
        return super().message


def import_limits() -> ImportLimits:
    limits = ImportLimits.from_settings()
    return dataclasses.replace(limits, max_rows=min(limits.max_rows, MAX_PLACEMENT_ROWS))


def schools_for_import(user: User) -> list[Organization]:
    """The schools in whose name the user may import (机构管理员 / 信息员)."""
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if m.organization.org_type in SCHOOL_TYPES
        and user_can_act_for_organization(user, m.organization)
    }
    return sorted(found.values(), key=lambda org: org.name)


# ---------------------------------------------------------------- templates


def import_template_name(file_format: str) -> str:
    return f"实习安排导入模板.{file_format}"


def import_template_csv() -> bytes:
    """The header row as CSV, UTF-8 with BOM so Excel shows the Chinese header."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.label for column in PLACEMENT_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def import_template_xlsx() -> bytes:
    """The header row, drop-down lists for the choices, text columns and an explanation sheet."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook starts with one worksheet
        raise TypeError("a new workbook has no active worksheet")
    sheet.title = "实习安排"
    sheet.append([column.label for column in PLACEMENT_COLUMNS])
    sheet.freeze_panes = "A2"
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(PLACEMENT_COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = max(12, len(column.label) * 2 + 4)
        if column.key in ("student_number", "credit_code"):
            sheet.column_dimensions[letter].number_format = "@"
        choices = {"kind": "认识实习,跟岗实习,岗位实习", "yesno": "是,否"}.get(column.kind)
        if choices:
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}{MAX_PLACEMENT_ROWS + 1}")
            sheet.add_data_validation(validation)
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for column in PLACEMENT_COLUMNS:
        notes.append([column.label, "必填" if column.required else "选填", column.hint])
    notes.append(["", "", "学号与学生账号至少填一个；实习单位与统一社会信用代码至少填一个。"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- reading


def _header_read(cells: list[str], row: int) -> dict[str, tuple[int, str]]:
    lookup: dict[str, PlacementColumn] = {}
    for column in PLACEMENT_COLUMNS:
        for name in (column.label, column.key, *column.aliases):
            lookup[header_key(name)] = column
    matched, problems = header_match(lookup, lambda c: c.key, cells, row)
    positions = {column.key: (index, text) for index, column, text in matched}
    missing = [c.label for c in PLACEMENT_COLUMNS if c.required and c.key not in positions]
    if "student_number" not in positions and "student_username" not in positions:
        missing.append("学号或学生账号")
    if "enterprise" not in positions and "credit_code" not in positions:
        missing.append("实习单位或统一社会信用代码")
    if missing:
        problems.append(header_problem(row, "", "缺少必填列：" + "、".join(missing) + "。"))
    if problems:
        raise HeaderError(problems)
    return positions


def _date(text: str) -> datetime.date:
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} ", text) else text
    match = DATE_RE.match(text)
    if match is None:
        raise ValueError(f"日期格式不正确（填写的是“{text}”），请写成 2026-03-02。")
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(f"没有这一天：{text}。") from None


def _number(text: str, *, places: int) -> Decimal:
    try:
        value = Decimal(re.sub(r"[,，\s元]", "", text))
    except InvalidOperation:
        raise ValueError(f"应为数字（填写的是“{text}”）。") from None
    if not value.is_finite() or value < 0:
        raise ValueError("应为不小于 0 的数字。")
    quantum = Decimal(1).scaleb(-places)
    if value != value.quantize(quantum):
        raise ValueError(f"最多保留 {places} 位小数。")
    return value


@dataclass
class _Row:
    row: int
    student: User
    birth_date: datetime.date | None
    enterprise: Organization
    values: PlacementInput


class _RowReader:
    """Turns one row into the inputs of ``placement_create``, or records its problems."""

    def __init__(self, school: Organization, positions: dict[str, tuple[int, str]]) -> None:
        self.school = school
        self.positions = positions
        self.students: dict[tuple[str, str], User | None] = {}
        self.enterprises: dict[tuple[str, str], Organization | str] = {}
        self.users: dict[str, User | None] = {}

    def column(self, key: str) -> str:
        return self.positions[key][1] if key in self.positions else COLUMNS_BY_KEY[key].label

    def add(self, issues: list[ImportIssue], row: int, key: str, message: str) -> None:
        issues.append(ImportIssue(row, self.column(key), message))

    def read(self, row: int, cells: list[str], issues: list[ImportIssue]) -> _Row | None:
        found = len(issues)
        text = {
            key: unicodedata.normalize("NFKC", cells[index]).strip() if index < len(cells) else ""
            for key, (index, _) in self.positions.items()
        }
        used = {index for index, _ in self.positions.values()}
        for index, cell in enumerate(cells):
            if cell.strip() and index not in used:
                issues.append(
                    ImportIssue(row, f"第 {index + 1} 列", "该列没有列名，请删除或补上列名。")
                )
        parsed: dict[str, Any] = {}
        for column in PLACEMENT_COLUMNS:
            if column.key not in text:
                continue
            value = text[column.key]
            if column.required and not value:
                self.add(issues, row, column.key, f"请填写{column.label}。")
                continue
            try:
                parsed[column.key] = self._convert(column, value)
            except ValueError as error:
                self.add(issues, row, column.key, str(error))
        student = self._student(row, text, issues)
        enterprise = self._enterprise(row, text, issues)
        if len(issues) > found or student is None or enterprise is None:
            return None
        names = {f.name for f in dataclasses.fields(PlacementInput)}
        values = PlacementInput(**{k: v for k, v in parsed.items() if k in names})
        return _Row(row, student, parsed.get("birth_date"), enterprise, values)

    def _convert(self, column: PlacementColumn, value: str) -> Any:
        if column.kind == "text":
            return value
        if column.kind == "yesno":
            word = value.lower()
            if word in YES:
                return True
            if word in NO:
                return False
            raise ValueError(f"请填写“是”或“否”（填写的是“{value}”）。")
        if not value:
            return None
        if column.kind == "date":
            return _date(value)
        if column.kind == "hours":
            return _number(value, places=1)
        if column.kind == "money":
            return _number(value, places=2)
        if column.kind == "count":
            number = _number(value, places=0)
            return int(number)
        if column.kind == "kind":
            kind = KIND_WORDS.get(value) or KIND_WORDS.get(value.lower())
            if kind is None:
                raise ValueError(
                    f"实习类型只能是认识实习、跟岗实习或岗位实习（填写的是“{value}”）。"
                )
            return str(kind)
        return self._user(value)  # user

    def _user(self, username: str) -> User:
        if username not in self.users:
            self.users[username] = User.objects.filter(username=username, is_active=True).first()
        user = self.users[username]
        if user is None:
            raise ValueError(f"平台上没有用户名为“{username}”的用户。")
        return user

    def _student(self, row: int, text: dict[str, str], issues: list[ImportIssue]) -> User | None:
        number, username = text.get("student_number", ""), text.get("student_username", "")
        if not number and not username:
            self.add(issues, row, "student_number", "请填写学号或学生账号。")
            return None
        key = (number, username)
        if key not in self.students:
            profiles = StudentProfile.objects.filter(school=self.school).select_related("user")
            if number:
                profiles = profiles.filter(student_number=number)
            if username:
                profiles = profiles.filter(user__username=username)
            found = list(profiles[:2])
            self.students[key] = found[0].user if len(found) == 1 else None
            if len(found) > 1:
                self.students[key] = None
        student = self.students[key]
        if student is None:
            field = "student_number" if number else "student_username"
            shown = number or username
            self.add(issues, row, field, f"{self.school.name}没有学号或账号为“{shown}”的学生。")
        return student

    def _enterprise(
        self, row: int, text: dict[str, str], issues: list[ImportIssue]
    ) -> Organization | None:
        name, code = text.get("enterprise", ""), text.get("credit_code", "").upper()
        if not name and not code:
            self.add(issues, row, "enterprise", "请填写实习单位名称或统一社会信用代码。")
            return None
        key = (name, code)
        if key not in self.enterprises:
            self.enterprises[key] = self._enterprise_find(name, code)
        found = self.enterprises[key]
        if isinstance(found, str):
            self.add(issues, row, "credit_code" if code else "enterprise", found)
            return None
        return found

    @staticmethod
    def _enterprise_find(name: str, code: str) -> Organization | str:
        units = Organization.objects.exclude(org_type__in=SCHOOL_TYPES)
        if code:
            unit = units.filter(credit_code=code).first()
            if unit is None:
                return f"平台上没有统一社会信用代码为 {code} 的单位。"
            if name and unit.name != name:
                return f"统一社会信用代码 {code} 对应的单位是“{unit.name}”，与填写的名称不符。"
            return unit
        matches = list(units.filter(name=name).select_related("region")[:5])
        if not matches:
            return f"平台上没有名为“{name}”的单位，请填写单位全称（或统一社会信用代码）。"
        if len(matches) > 1:
            places = "、".join(f"{u.region.name}（{u.credit_code or '无代码'}）" for u in matches)
            return f"名为“{name}”的单位有多个：{places}，请改填统一社会信用代码。"
        return matches[0]


# ---------------------------------------------------------------- the import


def placements_import(
    *, actor: User, school: Organization, file_name: str, stream: IO[bytes]
) -> PlacementImportResult:
    """Import a school's placements from CSV or .xlsx, all or nothing; counts or every error."""
    if not (school.org_type in SCHOOL_TYPES and user_can_act_for_organization(actor, school)):
        audit_refusal(actor=actor, action=ACTION, target=school, message=REFUSAL)
    result = PlacementImportResult(kind="placement", file_name=file_name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about harmless workbook oddities
            rows = _rows_read(school=school, file_name=file_name, stream=stream, result=result)
        if result.ok:
            with transaction.atomic():
                _write(actor=actor, rows=rows, result=result)
                if result.ok:
                    audit_event_record(
                        actor=actor, action=ACTION, target=school, changes=_changes(result)
                    )
                else:
                    transaction.set_rollback(True)
    except ImportFileError as exc:
        for problem in exc.extra["errors"]:
            result.add(ImportIssue(**problem))
    if not result.ok:
        result.created = result.updated = result.unchanged = 0
        audit_event_record(
            actor=actor,
            action=ACTION,
            target=school,
            changes=_changes(result),
            result=AuditResult.FAILED,
        )
    return result


def _changes(result: ImportResult) -> dict[str, Any]:
    return {**result.counts(), "error_count": result.error_count}


def _rows_read(
    *, school: Organization, file_name: str, stream: IO[bytes], result: ImportResult
) -> list[tuple[_Row, "_RowReader"]]:
    parsed: list[tuple[_Row, _RowReader]] = []
    issues: list[ImportIssue] = []
    seen: dict[tuple[int, int, str, datetime.date], int] = {}
    with table_open(file_name=file_name, stream=stream, limits=import_limits()) as table:
        rows = table.rows()
        header_row, header_cells = next(rows)
        reader = _RowReader(school, _header_read(header_cells, header_row))
        for row, cells in rows:
            result.rows += 1
            item = reader.read(row, cells, issues)
            if item is None:
                continue
            key = (item.student.pk, item.enterprise.pk, item.values.kind, item.values.start_date)
            if key in seen:
                message = f"与第 {seen[key]} 行是同一学生在同一单位同一天开始的同类实习。"
                reader.add(issues, row, "start_date", message)
                continue
            seen[key] = row
            parsed.append((item, reader))
    if result.rows == 0:
        raise ImportFileError("文件只有表头，没有数据行。", row=header_row + 1)
    for issue in issues:
        result.add(issue)
    return parsed


def _existing(item: _Row) -> Placement | None:
    return (
        Placement.objects.filter(
            student=item.student,
            enterprise=item.enterprise,
            kind=item.values.kind,
            start_date=item.values.start_date,
        )
        .exclude(status=PlacementState.CANCELLED)
        .order_by("pk")
        .first()
    )


def _write(*, actor: User, rows: list[tuple[_Row, "_RowReader"]], result: ImportResult) -> None:
    """Create or update each row through the services; a refusal becomes the row's errors."""
    for item, reader in rows:
        try:
            with transaction.atomic():
                current = _existing(item)
                if current is None:
                    placement_create(
                        actor=actor,
                        values=item.values,
                        students=[StudentEntry(item.student, item.birth_date)],
                        enterprise=item.enterprise,
                    )
                    result.created += 1
                elif placement_input_of(current) == item.values:
                    result.unchanged += 1
                elif current.status in (PlacementState.PLANNED, PlacementState.SIGNED):
                    placement_update(actor=actor, placement=current, values=item.values)
                    result.updated += 1
                else:
                    message = (
                        f"该学生在该单位的这次实习已是“{current.get_status_display()}”，"
                        "不能再通过导入修改。"
                    )
                    result.add(ImportIssue(item.row, reader.column("start_date"), message))
        except ApplicationError as error:
            for issue in _row_issues(item.row, reader, error):
                result.add(issue)


def _row_issues(row: int, reader: "_RowReader", error: ApplicationError) -> list[ImportIssue]:
    fields = (error.extra or {}).get("fields") or {}
    if not fields:
        return [ImportIssue(row, "", error.message)]
    issues = []
    for field, messages in fields.items():
        key = FIELD_COLUMNS.get(field, field)
        column = reader.column(key) if key in COLUMNS_BY_KEY else ""
        for message in messages:
            issues.append(ImportIssue(row, column, str(message)))
    return issues
