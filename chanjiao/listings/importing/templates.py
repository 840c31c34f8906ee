"""Files offered for download: the blank import template of each kind, and the error list.

The template's header row holds the Chinese labels in the form's order, which the importer reads
back; the .xlsx template adds drop-down lists for choice columns, text format for code columns
(so 0-leading codes survive Excel) and a second sheet explaining every column.
"""

import csv
import io

from django import forms
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chanjiao.listings.importing.columns import EXTERNAL_ID, ImportColumn, import_columns
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.validation import YesNoField, listing_form_class

FORMATS = ("csv", "xlsx")
TEXT_COLUMNS = frozenset(
    {"region_code", "occupation_code", "industry_code", "major_codes", "contact_phone", EXTERNAL_ID}
)
CODE_HINTS = {
    "region_code": "地区名称，如 万秀区；重名时写上级全称（梧州市万秀区）或区划代码 450403",
    "occupation_code": "职业名称，如 车工（或大典代码 6-18-01-01）；不填时平台按岗位名称自动识别",
    "industry_code": "行业名称，如 精制茶加工（或 GB/T 4754 代码 1530）；不填时按职业推断",
    "major_codes": "专业名称，多个用逗号或空格分隔，如 护理（高职专科）、数控技术；也可填专业代码",
    EXTERNAL_ID: "本单位系统中的编号（每行不同）；再次导入同一编号时更新原信息，不会重复新增",
    "contact_phone": "手机号 11 位，或区号-座机号",
}


def import_template_name(kind: str, file_format: str) -> str:
    """Return the download name of a kind's template, e.g. 岗位需求导入模板.xlsx."""
    label = kind_spec(kind).label.replace("/", "、")  # 兼职教师/产业导师: no path separators
    return f"{label}导入模板.{file_format}"


def column_hint(kind: str, column: ImportColumn) -> str:
    """Explain in Chinese what a column accepts."""
    if column.name in CODE_HINTS:
        return CODE_HINTS[column.name]
    field = listing_form_class(kind).base_fields[column.name]
    if column.choices:
        return "可选：" + column.choice_labels
    if column.field_type == "date":
        return "日期，如 2026-03-01"
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        kind_word = "整数" if isinstance(field, forms.IntegerField) else "数字"
        low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
        return f"{kind_word}，{low}～{high}" if low is not None and high is not None else kind_word
    if isinstance(field, forms.CharField) and field.max_length:
        return f"文字，最多 {field.max_length} 字"
    if isinstance(field, YesNoField):
        return "填写“是”或“否”"
    return "文字"


def import_template_csv(kind: str) -> bytes:
    """Return the CSV template (UTF-8 with BOM, so Excel shows the Chinese header correctly)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.label for column in import_columns(kind)])
    return buffer.getvalue().encode("utf-8-sig")


def import_template_xlsx(kind: str) -> bytes:
    """Return the .xlsx template: the header row, drop-down lists and an explanation sheet."""
    columns = import_columns(kind)
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook starts with one worksheet
        raise TypeError("a new workbook has no active worksheet")
    sheet.title = kind_spec(kind).label.replace("/", "、")[:31]
    sheet.append([column.label for column in columns])
    sheet.freeze_panes = "A2"
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.label) * 2 + 4))
        if column.name in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
        if column.choices:
            listed = ",".join(label for _, label in column.choices)
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            validation.add(f"{letter}2:{letter}100001")
            sheet.add_data_validation(validation)
    notes = workbook.create_sheet("填写说明")
    notes.append(["列名", "是否必填", "说明"])
    for column in columns:
        required = "必填" if column.required else "选填"
        notes.append([column.label, required, column_hint(kind, column)])
    for letter, width in (("A", 28), ("B", 10), ("C", 70)):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
