"""The columns of an import file: one per form field, headed by its Chinese label or its name.

Cells are tidied the way people type them into Excel (full-width digits, 2026/3/1, 4,500,
choice labels such as “大专” instead of ``associate``) before the kind's form validates them.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django import forms

from chanjiao.common.tabular.headers import HeaderError, header_key, header_match, header_problem
from chanjiao.listings.validation import CodeField, CodeListField, listing_form_class

EXTERNAL_ID = "external_id"
# Form fields that are not columns: the web form's mark of an accepted occupation suggestion.
NOT_IMPORTED = frozenset({"occupation_confirmed"})
# Until 2026 the catalogue columns were headed by the kind of code they wanted
# (工作地点（地区代码）, 职业代码（大典2022）); files made from those templates still import.
CODE_HEADER_SUFFIXES = {
    "region_code": ("（地区代码）",),
    "occupation_code": ("（大典2022）",),
    "industry_code": ("（GB/T 4754）",),
    "major_codes": ("（专业代码）",),
}
OLD_DEFAULT_HEADERS = {
    "region_code": ("地区代码",),
    "occupation_code": ("职业代码（大典2022）", "职业代码"),
    "industry_code": ("行业代码（GB/T 4754）", "行业代码"),
    "major_codes": ("专业代码",),
}
DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
NUMBER_NOISE = re.compile(r"[,，\s]")


@dataclass(frozen=True)
class ImportColumn:
    """One importable field: its form field name, Chinese label and how cells are tidied."""

    name: str
    label: str
    required: bool
    field_type: str
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def choice_labels(self) -> str:
        return "、".join(label for _, label in self.choices)


def _field_type(field: forms.Field) -> str:
    if isinstance(field, CodeField | CodeListField):
        return "code"
    if isinstance(field, forms.ChoiceField):
        return "choice"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        return "number"
    return "text"


@cache
def import_columns(kind: str) -> tuple[ImportColumn, ...]:
    """Return the columns of one kind's import file, in the form's order."""
    columns = []
    for name, field in listing_form_class(kind).base_fields.items():
        if name in NOT_IMPORTED:
            continue
        choices = tuple(
            (str(value), str(label))
            for value, label in getattr(field, "choices", ())
            if value != ""
        )
        columns.append(
            ImportColumn(
                name=name,
                label=str(field.label),
                required=bool(field.required) or name == EXTERNAL_ID,
                field_type=_field_type(field),
                choices=choices,
            )
        )
    return tuple(columns)


@cache
def _header_lookup(kind: str) -> dict[str, ImportColumn]:
    lookup: dict[str, ImportColumn] = {}
    for column in import_columns(kind):
        lookup[column.name.lower()] = column
        lookup[header_key(column.label)] = column
    for column in import_columns(kind):
        for old in _old_headers(column):
            lookup.setdefault(header_key(old), column)
    return lookup


def _old_headers(column: ImportColumn) -> list[str]:
    """The headers older templates gave this column (工作地点（地区代码）, 专业代码)."""
    headers = list(OLD_DEFAULT_HEADERS.get(column.name, ()))
    headers += [column.label + suffix for suffix in CODE_HEADER_SUFFIXES.get(column.name, ())]
    return headers


@cache
def _choice_lookup(kind: str) -> dict[str, dict[str, str]]:
    return {
        column.name: {
            **{label: value for value, label in column.choices},
            **{value.lower(): value for value, _ in column.choices},
        }
        for column in import_columns(kind)
        if column.choices
    }


@dataclass(frozen=True)
class HeaderMap:
    """Which file column holds which field: (index, column, header text as written)."""

    positions: tuple[tuple[int, ImportColumn, str], ...]
    width: int

    def header_text(self, name: str) -> str:
        return next((text for _, column, text in self.positions if column.name == name), "")

    def index_of(self, name: str) -> int | None:
        return next((index for index, column, _ in self.positions if column.name == name), None)

    def names(self) -> frozenset[str]:
        return frozenset(column.name for _, column, _ in self.positions)


def header_map(kind: str, header: list[str], row: int) -> HeaderMap:
    """Map the header cells to fields; refuse unknown, repeated and missing required columns."""
    lookup = _header_lookup(kind)
    positions, problems = header_match(lookup, lambda c: c.name, header, row)
    seen = {column.name: text for _, column, text in positions}
    missing = [c.label for c in import_columns(kind) if c.required and c.name not in seen]
    if missing:
        message = "缺少必填列：" + "、".join(missing) + "。"
        problems.append(header_problem(row, "", message))
    if problems:
        raise HeaderError(problems)
    return HeaderMap(positions=tuple(positions), width=len(header))


def tidy_cell(kind: str, column: ImportColumn, text: str) -> str | datetime.date:
    """Return a cell as the form expects it (choice values, dates, plain digits)."""
    text = text.strip()
    if not text or column.field_type == "text":
        return text
    if column.field_type == "choice":
        options = _choice_lookup(kind)[column.name]
        return options.get(text) or options.get(text.lower()) or text
    text = unicodedata.normalize("NFKC", text)
    if column.field_type == "code":
        return text
    if column.field_type == "number":
        return NUMBER_NOISE.sub("", text)
    match = DATE_RE.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:  # 2026-02-30: the form reports it as an invalid date
            return text
    return text
