"""Classify a table of titles (CSV/.xlsx, UTF-8/BOM/GB18030) and write the codes beside each row."""

import csv
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from chanjiao.common.tabular import ImportFileError, ImportLimits, table_open
from chanjiao.crosswalk.classifier import occupation_classify

TITLE_COLUMNS = ("title", "标题", "职位名称", "岗位名称")
DESCRIPTION_COLUMNS = ("description", "描述", "职位描述", "岗位描述")
OUTPUT_COLUMNS = ("occupation_code", "occupation_name", "occupation_level", "confidence")
TITLE_MAX_CHARS = 200


@dataclass
class TitlesResult:
    """What a run classified, and every bad row with its reason (in Chinese)."""

    rows: int = 0
    classified: int = 0
    errors: list[str] = field(default_factory=list)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [cell.strip().lower().lstrip("\ufeff") for cell in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _classified(cells: list[str], title_at: int, desc_at: int | None) -> tuple[list[str], str]:
    title = cells[title_at].strip() if title_at < len(cells) else ""
    if not title:
        return ["", "", "", ""], "标题（title）为空"
    if len(title) > TITLE_MAX_CHARS:
        return ["", "", "", ""], f"标题超过 {TITLE_MAX_CHARS} 个字符"
    description = cells[desc_at] if desc_at is not None and desc_at < len(cells) else ""
    guess = occupation_classify(title, description)
    if not guess.code:
        return ["", "", "", "0"], "无法判断职业（标题中没有可识别的职业词）"
    return [guess.code, guess.name, guess.level, f"{guess.confidence:.4f}"], ""


def titles_classify(*, file_name: str, stream: IO[bytes], output: Path) -> TitlesResult:
    """Read titles, classify each row, and write all input columns plus the result to ``output``."""
    result = TitlesResult()
    limits = ImportLimits.from_settings()
    with table_open(file_name=file_name, stream=stream, limits=limits) as table:
        rows = table.rows()
        _, header = next(rows)
        title_at = _column(header, TITLE_COLUMNS)
        if title_at is None:
            raise ImportFileError("找不到标题列：表头中应有名为“title”（或“标题”）的列。")
        desc_at = _column(header, DESCRIPTION_COLUMNS)
        handle, temporary = tempfile.mkstemp(dir=output.parent, suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as target:
                writer = csv.writer(target)
                writer.writerow([*header, *OUTPUT_COLUMNS])
                for position, cells in rows:
                    cells = (cells + [""] * len(header))[: max(len(header), len(cells))]
                    values, error = _classified(cells, title_at, desc_at)
                    result.rows += 1
                    if error:
                        result.errors.append(f"第 {position} 行：{error}。")
                    else:
                        result.classified += 1
                    writer.writerow([*cells, *values])
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return result
