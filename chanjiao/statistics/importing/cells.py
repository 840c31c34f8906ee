"""Columns of a statistics import file, the header check, and the reading of one cell.

Both statistics imports (专业点年度统计, 人社供求表) declare their columns here as data; a file's
header is matched to them by Chinese label or field name, and cells are read the way people type
numbers into Excel (full-width digits, 1,200, 12.0).
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from chanjiao.common.tabular import (
    HeaderError,
    ImportIssue,
    header_key,
    header_match,
    header_problem,
)

NUMBER_NOISE = re.compile(r"[,，\s]")


@dataclass(frozen=True)
class Column:
    """One column: the value's key, its Chinese header, whether it is required, a hint."""

    key: str
    label: str
    hint: str
    required: bool = False
    is_text: bool = False


class CellError(ValueError):
    """A cell that cannot be read; the message is the Chinese reason."""


@dataclass(frozen=True)
class Header:
    """Which file column holds which value: key → (index, header text as written)."""

    positions: dict[str, tuple[int, str]]
    width: int

    def text(self, key: str, columns: dict[str, Column]) -> str:
        """Return the column's header as written in the file, or its label when absent."""
        if key in self.positions:
            return self.positions[key][1]
        return columns[key].label if key in columns else key

    def has(self, key: str) -> bool:
        return key in self.positions


def header_read(
    columns: tuple[Column, ...], cells: list[str], row: int, *, one_of: tuple[tuple[str, ...], ...]
) -> Header:
    """Map header cells to columns; refuse unknown, repeated and missing columns (all listed)."""
    lookup: dict[str, Column] = {}
    for column in columns:
        lookup[column.key.lower()] = column
        lookup[header_key(column.label)] = column
    matched, problems = header_match(lookup, lambda c: c.key, cells, row)
    positions = {column.key: (index, text) for index, column, text in matched}
    missing = [c.label for c in columns if c.required and c.key not in positions]
    for group in one_of:
        if not any(key in positions for key in group):
            labels = [c.label for c in columns if c.key in group]
            missing.append("或".join(labels))
    if missing:
        problems.append(header_problem(row, "", "缺少必填列：" + "、".join(missing) + "。"))
    if problems:
        raise HeaderError(problems)
    return Header(positions=positions, width=len(cells))


def row_cells(
    header: Header, row: int, cells: list[str], issues: list[ImportIssue]
) -> dict[str, str]:
    """Return the row's cells by key; formulas and text under no header become issues."""
    values: dict[str, str] = {}
    for key, (index, text) in header.positions.items():
        cell = cells[index].strip() if index < len(cells) else ""
        if cell.startswith("="):
            message = f"单元格是公式（{cell[:40]}），平台不计算公式，请改为数值或文字。"
            issues.append(ImportIssue(row, text, message))
            continue
        values[key] = cell
    mapped = {index for index, _ in header.positions.values()}
    for index, cell in enumerate(cells):
        if index not in mapped and cell.strip():
            issues.append(ImportIssue(row, f"第 {index + 1} 列", "该列没有列名，却填写了内容。"))
            break
    return values


def _number_text(text: str) -> str:
    return NUMBER_NOISE.sub("", unicodedata.normalize("NFKC", text))


def count_read(text: str) -> int | None:
    """Read a head count: a whole number ≥ 0 (12 and 12.0 are the same); empty is None."""
    cleaned = _number_text(text)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"“{text}”不是数字，请填写整数。") from None
    if not value.is_finite():
        raise CellError(f"“{text}”不是数字，请填写整数。")
    if value < 0:
        raise CellError(f"人数不能为负数（{text}）。")
    if value != value.to_integral_value():
        raise CellError(f"人数须为整数（{text}）。")
    if value > 10**9:
        raise CellError(f"数值过大（{text}）。")
    return int(value)


def decimal_read(text: str, *, places: int = 2) -> Decimal | None:
    """Read a decimal number ≥ 0 with at most ``places`` decimals; empty is None."""
    cleaned = _number_text(text)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"“{text}”不是数字。") from None
    if not value.is_finite() or value > 10**9:
        raise CellError(f"“{text}”不是有效的数字。")
    if value < 0:
        raise CellError(f"不能为负数（{text}）。")
    if value != value.quantize(Decimal(1).scaleb(-places)):
        raise CellError(f"最多保留 {places} 位小数（{text}）。")
    return value.quantize(Decimal(1).scaleb(-places))
