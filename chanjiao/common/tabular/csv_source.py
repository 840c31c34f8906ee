"""Rows of a CSV file in UTF-8 (with or without BOM) or GB18030, read as a stream.

The encoding is decided by the first line with non-ASCII text; a later line that only makes sense
in the other encoding is refused (a file pasted together from two sources), as are binary files,
UTF-16 text and files cut off inside a quoted cell or a multi-byte character.
"""

import csv
from collections.abc import Iterator
from typing import IO

from chanjiao.common.tabular.limits import MAX_RECORD_BYTES, ImportFileError, ImportLimits

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030（GBK）"}
SAVE_AS_HINT = "请在 Excel 或 WPS 中“另存为 CSV UTF-8”后重新导入。"


def _refuse_by_signature(head: bytes) -> None:
    if head.startswith(ZIP_MAGIC):
        raise ImportFileError("该文件是 xlsx（压缩包）格式而不是 CSV，请使用 .xlsx 扩展名上传。")
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(
            "该文件是旧版 .xls 或加密的 Excel 文件，请另存为 .xlsx 或 CSV 后导入。"
        )
    if head.startswith(UTF16_BOMS):
        raise ImportFileError(f"不支持 UTF-16 编码的文本文件。{SAVE_AS_HINT}")


class _DecodedLines:
    """The file's physical lines as text, refusing what cannot be a text CSV file."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.encoding: str | None = None
        self.encoding_line = 0
        self.line_number = 0
        self.record_bytes = 0

    def __iter__(self) -> Iterator[str]:
        head = self.stream.read(4)
        _refuse_by_signature(head)
        if head.startswith(UTF8_BOM):
            self.encoding, self.encoding_line = "utf-8", 1
            self.stream.seek(len(UTF8_BOM))
        else:
            self.stream.seek(0)
        while raw := self.stream.readline(MAX_RECORD_BYTES + 1):
            self.line_number += 1
            self.record_bytes += len(raw)
            if self.record_bytes > MAX_RECORD_BYTES:
                raise ImportFileError(
                    f"第 {self.line_number} 行过长（一行超过 2 MB），可能是引号没有闭合。",
                    row=self.line_number,
                )
            if b"\x00" in raw:
                raise ImportFileError(
                    f"第 {self.line_number} 行含有二进制内容（NUL 字节），这不是文本 CSV 文件。",
                    row=self.line_number,
                )
            yield raw.decode("ascii") if raw.isascii() else self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        is_last = not raw.endswith(b"\n")
        try:
            text, found = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if is_last and exc.reason == "unexpected end of data" and self.encoding != "gb18030":
                raise self._truncated() from None
            try:
                text, found = raw.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as gb_exc:
                if is_last and gb_exc.reason.startswith("incomplete"):
                    raise self._truncated() from None
                raise ImportFileError(
                    f"第 {self.line_number} 行既不是 UTF-8 也不是 GB18030 编码，无法识别。"
                    + SAVE_AS_HINT,
                    row=self.line_number,
                ) from None
        if self.encoding is None:
            self.encoding, self.encoding_line = found, self.line_number
        elif found != self.encoding:
            first, second = ENCODING_NAMES[self.encoding], ENCODING_NAMES[found]
            raise ImportFileError(
                f"文件混用了两种编码：第 {self.encoding_line} 行是 {first}，"
                f"第 {self.line_number} 行却是 {second}。{SAVE_AS_HINT}",
                row=self.line_number,
            )
        return text

    def _truncated(self) -> ImportFileError:
        return ImportFileError(
            f"文件不完整：第 {self.line_number} 行（最后一行）的汉字被截断，文件可能没有上传完整。",
            row=self.line_number,
        )


def _csv_error(exc: csv.Error, row: int) -> ImportFileError:
    text = str(exc)
    if "unexpected end of data" in text:
        message = f"文件不完整：第 {row} 行的引号没有闭合（文件可能被截断）。"
    elif "expected after" in text:
        message = f"第 {row} 行的引号用法不正确：引号括起的内容后面紧跟了其他字符。"
    elif "field larger than field limit" in text:
        message = f"第 {row} 行的单元格内容过长，可能是引号没有闭合。"
    else:
        message = f"第 {row} 行不是有效的 CSV 格式（{text}）。"
    return ImportFileError(message, row=row)


def csv_rows(stream: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells) for every record; the header is row 1, as a spreadsheet shows."""
    lines = _DecodedLines(stream)
    reader = csv.reader(lines, strict=True)
    record = 0
    try:
        for cells in reader:
            record += 1
            lines.record_bytes = 0
            yield record, cells
    except csv.Error as exc:
        raise _csv_error(exc, record + 1) from None


class CsvSource:
    """A CSV file, read again from its start for every pass."""

    checked_on_open = False

    def __init__(self, stream: IO[bytes], limits: ImportLimits) -> None:
        self.stream = stream

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        self.stream.seek(0)
        return csv_rows(self.stream)

    def close(self) -> None:
        """Nothing to release: the caller owns the stream."""
