"""Open an uploaded CSV or .xlsx file as a table of text rows, refusing hostile files early.

``table_open`` checks the name and size; ``ImportTable.rows()`` streams the non-empty rows
(header first) and enforces the row, column and cell limits as it goes, so an oversized file is
refused after reading just past the limit and never held in memory.
"""

import tempfile
from collections.abc import Callable, Generator, Iterator
from pathlib import PurePath
from types import TracebackType
from typing import IO, Protocol

from chanjiao.common.tabular.csv_source import CsvSource
from chanjiao.common.tabular.limits import ImportFileError, ImportLimits
from chanjiao.common.tabular.xlsx_source import XlsxSource

Row = tuple[int, list[str]]


class Source(Protocol):
    # True when opening the file already checked its structure (an .xlsx census), so reading
    # every row once more before the import would add nothing.
    checked_on_open: bool

    def rows(self) -> Iterator[Row]: ...

    def close(self) -> None: ...


FORMATS: dict[str, Callable[[IO[bytes], ImportLimits], Source]] = {
    ".csv": CsvSource,
    ".xlsx": XlsxSource,
}
MIB = 1024 * 1024


def _format_of(file_name: str) -> str:
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix in FORMATS:
        return suffix
    if suffix == ".xls":
        raise ImportFileError("不支持旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV。")
    if suffix in (".xlsm", ".xltx", ".xltm", ".et"):
        raise ImportFileError(f"不支持 {suffix} 文件，请另存为 .xlsx（Excel 工作簿）或 CSV。")
    raise ImportFileError("只能导入 CSV（.csv）或 Excel 工作簿（.xlsx）文件。")


def _seekable(stream: IO[bytes], max_bytes: int) -> IO[bytes]:
    if stream.seekable():
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=4 * MIB)  # noqa: SIM115 - lives with the table
    _copy_limited(stream, copy, max_bytes)
    copy.seek(0)
    return copy


def _copy_limited(source: IO[bytes], target: IO[bytes], max_bytes: int) -> None:
    copied = 0
    while chunk := source.read(MIB):
        copied += len(chunk)
        if copied > max_bytes:
            break
        target.write(chunk)
    else:
        return
    target.write(b"\0")  # makes the copy one byte over the limit, so the size check refuses it


def _size(count: int) -> str:
    return f"{count // MIB} MB " if count >= MIB else f"{count} 字节"  # "64 MB 的" / "100 字节的"


def _trimmed_width(cells: list[str]) -> int:
    width = len(cells)
    while width and not cells[width - 1].strip():
        width -= 1
    return width


class ImportTable:
    """A file's rows as text, with the header first and blank rows skipped."""

    def __init__(self, *, file_name: str, stream: IO[bytes], limits: ImportLimits) -> None:
        self.file_name = file_name
        self.format = _format_of(file_name)
        self.limits = limits
        self.stream = _seekable(stream, limits.max_bytes)
        self.owns_stream = self.stream is not stream
        self.stream.seek(0, 2)
        size = self.stream.tell()
        self.stream.seek(0)
        if size == 0:
            raise ImportFileError("文件是空的。")
        if size > limits.max_bytes:
            raise ImportFileError(
                f"文件超过 {_size(limits.max_bytes)}的大小上限，请拆分后分批导入。"
            )
        self.source = FORMATS[self.format](self.stream, limits)
        self.header: list[str] = []  # the header's cells, trimmed, once rows() has read it

    def __enter__(self) -> "ImportTable":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.source.close()
        if self.owns_stream:
            self.stream.close()

    def rows(self) -> Generator[Row, None, None]:
        """Yield (row number, cells) for the header and every non-empty row after it."""
        header: list[str] | None = None
        data_rows = 0
        for position, cells in self.source.rows():
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = self.header = self._header(position, cells)
            else:
                data_rows += 1
                if data_rows > self.limits.max_rows:
                    raise ImportFileError(
                        f"文件超过 {self.limits.max_rows} 行上限（不含表头），请拆分后分批导入。",
                        row=position,
                    )
            self._check_cells(position, cells, header)
            yield position, cells
        if header is None:
            raise ImportFileError("文件中没有内容：第一行应为列名（表头），之后每行一条信息。")

    def scan(self) -> tuple[Row, int | None]:
        """Check the file's structure; return the header row and the row count if it was read."""
        rows = self.rows()
        header = next(rows)
        if self.source.checked_on_open:
            rows.close()
            return header, None
        return header, sum(1 for _ in rows)

    def _header(self, position: int, cells: list[str]) -> list[str]:
        width = _trimmed_width(cells)
        if width > self.limits.max_columns:
            raise ImportFileError(
                f"表头有 {width} 列，超过 {self.limits.max_columns} 列的上限。", row=position
            )
        return [cell.strip() for cell in cells[:width]]

    def _check_cells(self, position: int, cells: list[str], header: list[str]) -> None:
        limit = self.limits.max_cell_chars
        for index, cell in enumerate(cells):
            if len(cell) > limit:
                column = header[index] if index < len(header) else f"第 {index + 1} 列"
                raise ImportFileError(
                    f"第 {position} 行“{column}”的内容超过 {limit} 个字符。",
                    row=position,
                    column=column,
                )


def table_open(*, file_name: str, stream: IO[bytes], limits: ImportLimits) -> ImportTable:
    """Check a file's name, size and container, and return it as a table (use it with ``with``)."""
    return ImportTable(file_name=file_name, stream=stream, limits=limits)
