"""Reading a file's header row: how header cells are compared, and the error naming every problem.

Each importer declares its own columns; a header cell matches a column by its Chinese label or
its field name, compared after ``header_key`` (NFKC, no BOM, no required mark, lower case).
"""

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from chanjiao.common.tabular.limits import ImportFileError

REQUIRED_MARKS = re.compile(r"\s*(\*|（必填）|\(必填\))$")
C = TypeVar("C")


def header_key(text: str) -> str:
    """Normalise a header cell: NFKC, no BOM, no required mark, lower case."""
    text = unicodedata.normalize("NFKC", text.replace("\ufeff", "")).strip()
    return REQUIRED_MARKS.sub("", text).strip().lower()


def header_problem(row: int, column: str, message: str) -> dict[str, object]:
    """One problem of a header row, in the shape ``HeaderError`` lists."""
    return {"row": row, "column": column, "message": message}


def header_match(
    lookup: Mapping[str, C], key_of: Callable[[C], str], cells: Sequence[str], row: int
) -> tuple[list[tuple[int, C, str]], list[dict[str, object]]]:
    """Match each non-empty header cell to a column of ``lookup`` (keyed by ``header_key``).

    Return ``(index, column, cell text)`` for each matched cell, and a problem for each unknown
    cell and each cell repeating a column already matched (``key_of`` names a column).
    """
    matched: list[tuple[int, C, str]] = []
    seen: dict[str, str] = {}
    problems: list[dict[str, object]] = []
    for index, raw in enumerate(cells):
        text = raw.strip()
        if not text:
            continue
        column = lookup.get(header_key(text))
        if column is None:
            problems.append(header_problem(row, text, f"未知的列名“{text}”，请使用模板中的列名。"))
        elif key_of(column) in seen:
            message = f"列“{text}”与列“{seen[key_of(column)]}”重复。"
            problems.append(header_problem(row, text, message))
        else:
            seen[key_of(column)] = text
            matched.append((index, column, text))
    return matched, problems


class HeaderError(ImportFileError):
    """The header row names unknown, repeated or too few columns (every problem is listed)."""

    def __init__(self, problems: list[dict[str, object]]) -> None:
        first = problems[0]
        super().__init__(str(first["message"]), row=first["row"], column=str(first["column"]))  # type: ignore[arg-type]
        self.problems = problems
        self.extra = {"errors": problems, "error_count": len(problems)}
