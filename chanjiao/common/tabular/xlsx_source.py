"""Rows of the first sheet of an .xlsx workbook, streamed by openpyxl in read-only mode.

The archive is inspected first (``xlsx_archive``), so damaged files, zip bombs and parts that
would exhaust memory are refused before openpyxl opens the workbook. Cells come back as text; a
formula comes back as its text (starting with "=") so the importer can refuse it instead of
trusting a cached result.
"""

import datetime
from collections.abc import Iterator
from typing import IO, Any

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from chanjiao.common.tabular.limits import EXCEL_MAX_ROWS, ImportFileError, ImportLimits
from chanjiao.common.tabular.xlsx_archive import DAMAGED, check_archive

UNSAFE_XML = "xlsx 文件包含不安全的 XML 内容（实体或文档类型定义），已拒绝。"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def cell_text(value: Any) -> str:
    """Return a cell's value as the text a person would type (dates as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, ArrayFormula):
        return str(value.text or "=")
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    return str(value)


def _refusal(exc: BaseException) -> ImportFileError:
    """Name an entity bomb as such (openpyxl wraps it in a ValueError); all else is damage."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, DefusedXmlException):
            return ImportFileError(UNSAFE_XML)
        seen = seen.__cause__ or seen.__context__
    return ImportFileError(DAMAGED)


class XlsxSource:
    """An .xlsx workbook opened once (after the archive checks); its first sheet read on demand."""

    checked_on_open = True  # the census has counted every part's elements

    def __init__(self, stream: IO[bytes], limits: ImportLimits) -> None:
        if stream.read(4) == OLE_MAGIC:
            raise ImportFileError(
                "文件设置了打开密码，或是旧版 .xls 格式；请取消密码并另存为 .xlsx 后导入。"
            )
        stream.seek(0)
        check_archive(stream, limits)
        stream.seek(0)
        try:
            self.workbook = openpyxl.load_workbook(
                stream, read_only=True, data_only=False, keep_links=False, keep_vba=False
            )
        except Exception as exc:  # openpyxl raises many kinds of error for a malformed package
            raise _refusal(exc) from None
        if not self.workbook.worksheets:
            self.close()
            raise ImportFileError("工作簿中没有工作表。")
        self.sheet = self.workbook.worksheets[0]
        self.sheet.reset_dimensions()  # the stored dimension may be wrong or forged

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield (row number, cells) for the first sheet's rows, numbered as Excel shows them."""
        try:
            for position, values in enumerate(self.sheet.iter_rows(values_only=True), start=1):
                if position > EXCEL_MAX_ROWS:
                    raise ImportFileError(
                        f"工作表的行号超过 Excel 上限 {EXCEL_MAX_ROWS}，文件无效。", row=position
                    )
                yield position, [cell_text(value) for value in values]
        except ImportFileError:
            raise
        except Exception as exc:  # damaged XML, bad CRC, truncated member
            raise _refusal(exc) from None

    def close(self) -> None:
        self.workbook.close()
