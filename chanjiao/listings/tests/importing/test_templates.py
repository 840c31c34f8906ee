"""Every importable kind has a template whose header the importer reads back."""

import io

import pytest
from openpyxl import load_workbook

from chanjiao.listings.importing import (
    import_columns,
    import_template_csv,
    import_template_name,
    import_template_xlsx,
)
from chanjiao.listings.kinds import KINDS

IMPORTABLE = [key for key, spec in KINDS.items() if not spec.is_personal]


@pytest.mark.parametrize("kind", IMPORTABLE)
def test_labels_are_unique_and_external_id_is_required(kind):
    columns = import_columns(kind)
    labels = [column.label for column in columns]

    assert len(labels) == len(set(labels))
    assert [c.name for c in columns if c.name == "external_id" and c.required] == ["external_id"]


@pytest.mark.parametrize("kind", IMPORTABLE)
def test_xlsx_template_has_header_dropdowns_and_explanations(kind):
    workbook = load_workbook(io.BytesIO(import_template_xlsx(kind)))
    sheet, notes = workbook.worksheets
    columns = import_columns(kind)

    assert [cell.value for cell in sheet[1]] == [column.label for column in columns]
    assert sheet.max_row == 1
    explained = {row[0]: row[1:] for row in notes.iter_rows(min_row=2, values_only=True)}
    assert set(explained) == {column.label for column in columns}
    choices = [column for column in columns if column.choices]
    assert len(sheet.data_validations.dataValidation) == len(choices)


def test_explanations_name_formats_and_choices():
    workbook = load_workbook(io.BytesIO(import_template_xlsx("job")))
    notes = {row[0]: row[1:] for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True)}

    assert notes["用工形式"] == ("必填", "可选：全职、兼职、灵活用工")
    assert notes["有效期起"] == ("必填", "日期，如 2026-03-01")
    assert notes["招聘人数"] == ("必填", "整数，1～1000000")
    assert notes["福利待遇"] == ("选填", "文字，最多 500 字")
    assert notes["外部编号"][0] == "必填"


def test_csv_template_is_utf8_with_bom():
    content = import_template_csv("training_base")

    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").strip().split(",")
    assert header == [column.label for column in import_columns("training_base")]


def test_template_names():
    assert import_template_name("job", "xlsx") == "岗位需求导入模板.xlsx"
    assert import_template_name("mentor", "csv") == "兼职教师、产业导师导入模板.csv"
