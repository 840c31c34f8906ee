"""Check one data row: tidy its cells, validate them with the kind's form, name every problem.

A row for an item that already exists (same external id) starts from the item's current values,
so a column left out of the file keeps what the item has.
"""

from typing import Any

from chanjiao.common.tabular.issues import ImportIssue
from chanjiao.listings.importing.columns import (
    EXTERNAL_ID,
    HeaderMap,
    ImportColumn,
    import_columns,
    tidy_cell,
)
from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.models import Listing
from chanjiao.listings.validation import (
    CodeResolver,
    listing_form_class,
    listing_form_data,
    listing_values_from_form,
)


class RowChecker:
    """Turn rows of one file into Listing values, remembering external ids already seen."""

    def __init__(self, *, spec: KindSpec, header: HeaderMap, resolver: CodeResolver) -> None:
        self.spec = spec
        self.kind = spec.kind.value
        self.header = header
        self.resolver = resolver
        # One form, re-bound for every row: Django deep-copies all fields each time a form is
        # built, which cost a third of the import's time; the fields hold no per-row state.
        self.form = listing_form_class(self.kind)(resolver=resolver)
        self.external_index = header.index_of(EXTERNAL_ID)
        self.seen: dict[str, int] = {}
        self.columns = {column.name: column for _, column, _ in header.positions}
        # Rows for existing items start from the item's values only when columns are left out.
        self.merges_existing = bool({c.name for c in import_columns(self.kind)} - header.names())
        mapped = {index for index, _, _ in header.positions}
        self.unnamed = [index for index in range(header.width) if index not in mapped]

    def _bound(self, data: dict[str, Any]) -> Any:
        form = self.form
        # Rebinding one form per row; ``_errors`` is Django's private cache, unknown to the stubs.
        form.data, form.is_bound, form._errors = data, True, None  # type: ignore[attr-defined]
        return form

    @property
    def external_column(self) -> str:
        return self.header.header_text(EXTERNAL_ID)

    def column_text(self, name: str) -> str:
        """Return the header a field has in this file (its label when the file lacks it)."""
        column = self.columns.get(name)
        return self.header.header_text(name) or (column.label if column else "")

    def external_id(self, cells: list[str]) -> str:
        index = self.external_index
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def check(
        self, row: int, cells: list[str], existing: Listing | None, issues: list[ImportIssue]
    ) -> dict[str, Any] | None:
        """Return the row's values, or None after adding its problems to ``issues``."""
        before = len(issues)
        data, flagged = self._cells(row, cells, issues)
        self._check_external_id(row, cells, issues)
        if existing is not None and self.merges_existing:
            data = {**listing_form_data(existing), **data}
        form = self._bound(data)
        if not form.is_valid():
            self._form_issues(row, form, data, flagged, issues)
        if len(issues) > before:
            return None
        return listing_values_from_form(self.spec, form.cleaned_data)

    def _cells(
        self, row: int, cells: list[str], issues: list[ImportIssue]
    ) -> tuple[dict[str, Any], set[str]]:
        data: dict[str, Any] = {}
        flagged: set[str] = set()
        for index, column, text in self.header.positions:
            cell = cells[index] if index < len(cells) else ""
            if cell.lstrip().startswith("="):
                formula = cell.strip()[:40]
                message = f"单元格是公式（{formula}），平台不计算公式，请改为数值或文字。"
                issues.append(ImportIssue(row, text, message))
                flagged.add(column.name)
                continue
            data[column.name] = tidy_cell(self.kind, column, cell)
        unnamed = [i for i in self.unnamed if i < len(cells)] + list(
            range(self.header.width, len(cells))
        )
        for index in unnamed:
            if cells[index].strip():
                message = "该列没有列名，却填写了内容。"
                issues.append(ImportIssue(row, f"第 {index + 1} 列", message))
                break
        return data, flagged

    def _check_external_id(self, row: int, cells: list[str], issues: list[ImportIssue]) -> None:
        external_id = self.external_id(cells)
        column = self.external_column
        if not external_id:
            message = "外部编号必填：重复导入时用它识别同一条信息。"
            issues.append(ImportIssue(row, column, message))
        elif external_id in self.seen:
            message = f"外部编号与第 {self.seen[external_id]} 行重复。"
            issues.append(ImportIssue(row, column, message))
        else:
            self.seen[external_id] = row

    def _form_issues(
        self,
        row: int,
        form: Any,
        data: dict[str, Any],
        flagged: set[str],
        issues: list[ImportIssue],
    ) -> None:
        for name, errors in form.errors.as_data().items():
            if name in flagged:
                continue
            column = self.columns.get(name)
            header = self.column_text(name)
            for error in errors:
                issues.append(ImportIssue(row, header, _reason(column, error, data.get(name))))


def _reason(column: ImportColumn | None, error: Any, value: Any) -> str:
    if column is not None and error.code == "invalid_choice":
        return f"“{value}”不是可选值，可选：{column.choice_labels}。"
    if column is not None and column.field_type == "date" and error.code == "invalid":
        return f"“{value}”不是有效的日期，请写成 2026-03-01 这样的格式。"
    return " ".join(str(message) for message in error)
