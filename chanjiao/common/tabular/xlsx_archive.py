"""Checks on an .xlsx archive made before openpyxl may open it.

The declared sizes of the zip members catch damaged files and zip bombs without unpacking
anything. A census then streams every XML part once through a regular expression and counts its
elements: openpyxl keeps one object per sheet row it has read and builds objects for merged
cells, hyperlinks, styles and shared strings, so a part with millions of such elements would
exhaust memory even though it passed the size checks.
"""

import re
import zipfile
from collections import Counter
from typing import IO

from chanjiao.common.tabular.limits import (
    XLSX_MAX_MEMBERS,
    XLSX_MAX_OTHER_PART,
    XLSX_MAX_RATIO,
    XLSX_MAX_SHARED_STRINGS,
    XLSX_MAX_UNCOMPRESSED,
    XLSX_RATIO_FLOOR,
    ImportFileError,
    ImportLimits,
)

DAMAGED = "xlsx 文件已损坏或不完整（可能没有上传完整），请在 Excel 或 WPS 中重新保存后导入。"
SUPPORTED_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
MIB = 1024 * 1024
START_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
XML_SUFFIXES = (".xml", ".rels", ".vml")
WORKSHEETS = "xl/worksheets/"
SHARED_STRINGS = "xl/sharedStrings.xml"
# Elements of ordinary cells; openpyxl discards them row by row.
CELL_TAGS = frozenset({b"row", b"c", b"v", b"f", b"is", b"t", b"r", b"rPr"})
BLANK_ROW_ALLOWANCE = 10_000
MAX_SHEET_EXTRAS = 50_000
MAX_SHARED_STRINGS = 2_000_000
MAX_PART_ELEMENTS = 100_000
CHUNK = MIB


def _part_limit(name: str) -> int:
    if name.startswith(WORKSHEETS):
        return XLSX_MAX_UNCOMPRESSED
    if name == SHARED_STRINGS:
        return XLSX_MAX_SHARED_STRINGS
    return XLSX_MAX_OTHER_PART


def _check_member(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise ImportFileError("xlsx 文件已加密，请取消密码保护后再导入。")
    if info.compress_type not in SUPPORTED_COMPRESSION:
        raise ImportFileError("xlsx 文件使用了不支持的压缩方式，请在 Excel 或 WPS 中重新保存。")
    ratio_limit = XLSX_MAX_RATIO * max(info.compress_size, 1)
    if info.file_size > XLSX_RATIO_FLOOR and info.file_size > ratio_limit:
        raise ImportFileError(
            f"xlsx 文件中的 {info.filename} 压缩比异常（超过 {XLSX_MAX_RATIO}:1），"
            "疑似“压缩炸弹”，已拒绝。"
        )
    if info.file_size > _part_limit(info.filename):
        raise ImportFileError(
            f"xlsx 文件中的 {info.filename} 解压后有 {info.file_size // MIB} MB，超过上限，已拒绝。"
        )


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > XLSX_MAX_MEMBERS:
        raise ImportFileError(f"xlsx 文件包含 {len(members)} 个部件，超过上限，已拒绝。")
    for info in members:
        _check_member(info)
    total = sum(info.file_size for info in members)
    if total > XLSX_MAX_UNCOMPRESSED:
        raise ImportFileError(
            f"xlsx 文件解压后有 {total // MIB} MB，超过 {XLSX_MAX_UNCOMPRESSED // MIB} MB 上限，"
            "疑似“压缩炸弹”，已拒绝。"
        )
    if "xl/workbook.xml" not in {info.filename for info in members}:
        raise ImportFileError("文件中没有 xl/workbook.xml，不是 Excel 工作簿。")


def element_counts(archive: zipfile.ZipFile, name: str) -> Counter[bytes]:
    """Count the start tags of one XML part by local name, streaming it in 1 MB pieces."""
    counts: Counter[bytes] = Counter()
    tail = b""
    with archive.open(name) as part:
        while chunk := part.read(CHUNK):
            chunk = tail + chunk
            cut = chunk.rfind(b"<")
            # A tag cut in two by the chunk boundary is counted with the next chunk.
            tail = chunk[cut:] if cut >= 0 and len(chunk) - cut < 4096 else b""
            counts.update(START_TAG.findall(chunk[: len(chunk) - len(tail)]))
    counts.update(START_TAG.findall(tail))
    return counts


def _check_census(name: str, counts: Counter[bytes], limits: ImportLimits) -> None:
    if name.startswith(WORKSHEETS):
        rows = counts[b"row"]
        if rows > limits.max_rows + 1 + BLANK_ROW_ALLOWANCE:
            raise ImportFileError(
                f"工作表有 {rows} 行，超过 {limits.max_rows} 行上限（不含表头），请拆分后分批导入。"
            )
        extras = sum(n for tag, n in counts.items() if tag not in CELL_TAGS)
        if extras > MAX_SHEET_EXTRAS:
            raise ImportFileError(
                "工作表中单元格以外的内容（合并单元格、超链接、条件格式等）过多，已拒绝。"
            )
    elif name == SHARED_STRINGS:
        if counts[b"si"] > MAX_SHARED_STRINGS:
            raise ImportFileError("xlsx 文件中的共享字符串过多，已拒绝。")
    elif sum(counts.values()) > MAX_PART_ELEMENTS:
        raise ImportFileError(f"xlsx 文件中的 {name} 包含的元素过多，结构异常，已拒绝。")


def check_archive(stream: IO[bytes], limits: ImportLimits) -> None:
    """Refuse a file that is not a sound, reasonably sized .xlsx workbook, in bounded memory."""
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            _check_members(members)
            for info in members:
                if info.filename.endswith(XML_SUFFIXES):
                    counts = element_counts(archive, info.filename)
                    _check_census(info.filename, counts, limits)
    except ImportFileError:
        raise
    except Exception:  # BadZipFile, zlib.error, a bad CRC: a damaged or truncated archive
        raise ImportFileError(DAMAGED) from None
