"""Blank import templates: a CSV header row, or an .xlsx sheet with a 填写说明 sheet."""

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chanjiao.statistics.importing.cells import Column
from chanjiao.statistics.importing.labor_market import LABOR_MARKET_COLUMNS
from chanjiao.statistics.importing.major_year_rows import MAJOR_YEAR_COLUMNS

TEMPLATE_FORMATS = ("xlsx", "csv")


@dataclass(frozen=True)
class Template:
    """One downloadable template: its title, columns, and the groups of either-or columns."""

    title: str
    columns: tuple[Column, ...]
    one_of: tuple[str, ...]


TEMPLATES: dict[str, Template] = {
    "major_year": Template(
        "专业点年度统计导入模板", MAJOR_YEAR_COLUMNS, ("school_credit_code", "school_name")
    ),
    "labor_market": Template(
        "人社供求统计导入模板", LABOR_MARKET_COLUMNS, ("region_code", "region_name")
    ),
}


def _required_text(template: Template, column: Column) -> str:
    if column.required:
        return "必填"
    if column.key in template.one_of:
        return "二选一"
    return "选填"


def statistics_template(kind: str, file_format: str) -> tuple[str, bytes]:
    """Return (download name, content) of a blank template of one kind and format."""
    template = TEMPLATES[kind]
    name = f"{template.title}.{file_format}"
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerow([column.label for column in template.columns])
        return name, buffer.getvalue().encode("utf-8-sig")
    return name, _workbook(template)


def _workbook(template: Template) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook starts with one worksheet
        raise TypeError("a new workbook has no active worksheet")
    sheet.title = template.title.removesuffix("导入模板")[:31]
    sheet.append([column.label for column in template.columns])
    sheet.freeze_panes = "A2"
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(template.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required or column.key in template.one_of:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = max(12, min(30, len(column.label) * 2 + 4))
        if column.is_text:
            sheet.column_dimensions[letter].number_format = "@"  # keeps leading zeros of codes
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for column in template.columns:
        notes.append([column.label, _required_text(template, column), column.hint])
    for letter, width in (("A", 28), ("B", 10), ("C", 70)):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
