"""Read an uploaded statistics file into checked rows, through the shared hostile-file readers.

Statistics files are small (a city's 专业点 or a 人社 table), so the rows are read into memory
and checked before anything is written; the row limit is lower than for listings to keep it so.
"""

import dataclasses
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from django.conf import settings
from django.db import IntegrityError
from django.utils import translation

from chanjiao.common.tabular import (
    ImportFileError,
    ImportIssue,
    ImportLimits,
    ImportResult,
    table_open,
)
from chanjiao.statistics.importing.cells import Column, Header, header_read, row_cells

MAX_STATISTICS_ROWS = 20_000
CONCURRENT = "导入期间有人同时写入了相同的统计数据，未写入任何数据，请稍后重试。"
ParsedT = TypeVar("ParsedT")


@dataclass
class StatisticsImportResult(ImportResult):
    """An import's counts (rows, created, updated, unchanged) or every problem."""

    school_majors_created: int = 0
    school_majors_updated: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the counts and message as plain values (for the API, CLI and audit log)."""
        return {
            **self.counts(),
            "school_majors_created": self.school_majors_created,
            "school_majors_updated": self.school_majors_updated,
            "error_count": self.error_count,
            "message": self.message,
        }

    def refuse(self) -> None:
        """Forget the counts of a refused import: nothing was written."""
        self.created = self.updated = self.unchanged = 0
        self.school_majors_created = self.school_majors_updated = 0


def statistics_limits() -> ImportLimits:
    """Return the listings' limits with the lower row limit of statistics files."""
    limits = ImportLimits.from_settings()
    return dataclasses.replace(limits, max_rows=min(limits.max_rows, MAX_STATISTICS_ROWS))


def rows_parse(
    *,
    file_name: str,
    stream: IO[bytes],
    columns: tuple[Column, ...],
    one_of: tuple[tuple[str, ...], ...],
    result: StatisticsImportResult,
    parser_for: Callable[
        [Header], Callable[[int, dict[str, str], list[ImportIssue]], ParsedT | None]
    ],
) -> tuple[Header, list[ParsedT]]:
    """Open the file, check its header and parse every row; problems go into ``result``."""
    parsed: list[ParsedT] = []
    issues: list[ImportIssue] = []
    with table_open(file_name=file_name, stream=stream, limits=statistics_limits()) as table:
        rows = table.rows()
        header_row, header_cells = next(rows)
        header = header_read(columns, header_cells, header_row, one_of=one_of)
        parse = parser_for(header)
        for row, cells in rows:
            result.rows += 1
            values = row_cells(header, row, cells, issues)
            item = parse(row, values, issues)
            if item is not None:
                parsed.append(item)
    if result.rows == 0:
        raise ImportFileError("文件只有表头，没有数据行。", row=header_row + 1)
    for issue in issues:
        result.add(issue)
    return header, parsed


@contextmanager
def import_errors_collected(result: StatisticsImportResult) -> Iterator[None]:
    """Turn a refused file or a concurrent write into problems of the result."""
    try:
        with warnings.catch_warnings(), translation.override(settings.LANGUAGE_CODE):
            warnings.simplefilter("ignore")  # openpyxl warns about harmless workbook oddities
            yield
    except ImportFileError as exc:
        for problem in exc.extra["errors"]:
            result.add(ImportIssue(**problem))
    except IntegrityError:
        result.add(ImportIssue(None, "", CONCURRENT))
