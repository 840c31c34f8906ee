"""The problems an import reports, its result, and the downloadable error list.

Every importer (listings, statistics) reports a problem as an ``ImportIssue``: the spreadsheet
row (header = 1), the column as headed in the file and a Chinese reason.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chanjiao.common.tabular.limits import MAX_REPORTED_ERRORS

# Cells starting with these characters would run as formulas when the file is opened in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ERROR_HEADER = ("行号", "列", "错误原因")


@dataclass(frozen=True)
class ImportIssue:
    """One problem: the spreadsheet row (header = 1), the column as headed, a Chinese reason."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    """What an import did: counts when it succeeded, every problem when it did not."""

    kind: str
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportIssue] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def counts(self) -> dict[str, Any]:
        """Return what the file held and what the import did with it."""
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }

    @property
    def message(self) -> str:
        if self.ok:
            return (
                f"导入完成：共 {self.rows} 行，新增 {self.created} 条，"
                f"更新 {self.updated} 条，未变化 {self.unchanged} 条。"
            )
        if self.error_count == 1:
            return f"导入失败，未写入任何数据：{self.errors[0].message}"
        return (
            f"导入失败，未写入任何数据：文件中有 {self.error_count} 处错误，"
            "请按错误清单逐一修改后重新导入。"
        )

    def add(self, issue: ImportIssue) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(issue)


def csv_safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def import_errors_csv(errors: Iterable[ImportIssue]) -> bytes:
    """Return the error list as CSV (UTF-8 with BOM); cells can never run as formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ERROR_HEADER)
    for issue in errors:
        writer.writerow(
            [csv_safe_cell(value) for value in (issue.row, issue.column, issue.message)]
        )
    return buffer.getvalue().encode("utf-8-sig")
