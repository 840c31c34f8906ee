"""Reading a file's header row: how header cells are compared, and the error naming every problem.

Each importer declares its own columns; a header cell matches a column by its Chinese label or
its field name, compared after ``header_key`` (NFKC, no BOM, no required mark, lower case).
"""

import re
import unicodedata

from chanjiao.common.tabular.limits import ImportFileError

REQUIRED_MARKS = re.compile(r"\s*(\*|（必填）|\(必填\))$")


def header_key(text: str) -> str:
    """Normalise a header cell: NFKC, no BOM, no required mark, lower case."""
    text = unicodedata.normalize("NFKC", text.replace("\ufeff", "")).strip()
    return REQUIRED_MARKS.sub("", text).strip().lower()


def header_problem(row: int, column: str, message: str) -> dict[str, object]:
    """One problem of a header row, in the shape ``HeaderError`` lists."""
    return {"row": row, "column": column, "message": message}


class HeaderError(ImportFileError):
    """The header row names unknown, repeated or too few columns (every problem is listed)."""

    def __init__(self, problems: list[dict[str, object]]) -> None:
        first = problems[0]
        super().__init__(str(first["message"]), row=first["row"], column=str(first["column"]))  # type: ignore[arg-type]
        self.problems = problems
        self.extra = {"errors": problems, "error_count": len(problems)}
