"""The limits a bulk import enforces, and the error raised when a file breaks one of them."""

from dataclasses import dataclass

from django.conf import settings

from chanjiao.common.exceptions import ApplicationError

EXCEL_MAX_ROWS = 1_048_576
MAX_COLUMNS = 200
# Excel's own limit for one cell; each kind's form caps its fields far lower.
MAX_CELL_CHARS = 32_767
# One CSV record (all its physical lines) may not exceed this many bytes.
MAX_RECORD_BYTES = 2 * 1024 * 1024
# Row errors kept in full; beyond this only the count grows (each row is still checked).
MAX_REPORTED_ERRORS = 100_000

XLSX_MAX_UNCOMPRESSED = 256 * 1024 * 1024
XLSX_MAX_SHARED_STRINGS = 96 * 1024 * 1024
XLSX_MAX_OTHER_PART = 16 * 1024 * 1024
XLSX_MAX_MEMBERS = 1_000
XLSX_MAX_RATIO = 100
XLSX_RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """The row and byte limits, read from settings when an import starts."""

    max_rows: int
    max_bytes: int
    max_columns: int = MAX_COLUMNS
    max_cell_chars: int = MAX_CELL_CHARS

    @classmethod
    def from_settings(cls) -> "ImportLimits":
        return cls(
            max_rows=settings.CHANJIAO_IMPORT_MAX_ROWS,
            max_bytes=settings.CHANJIAO_IMPORT_MAX_BYTES,
        )


class ImportFileError(ApplicationError):
    """A file refused as a whole (hostile, damaged or in the wrong format)."""

    def __init__(self, message: str, *, row: int | None = None, column: str = "") -> None:
        self.row = row
        self.column = column
        issue = {"row": row, "column": column, "message": message}
        super().__init__(message, extra={"errors": [issue], "error_count": 1})
