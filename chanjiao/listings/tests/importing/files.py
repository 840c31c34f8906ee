"""Build import files in tests: valid job rows, CSV in any encoding, and .xlsx packages.

``xlsx_package`` writes the parts of a workbook directly with ``zipfile`` so hostile sheets
(a million rows, 16,384 columns, entity bombs) are produced quickly without openpyxl.
"""

import csv
import io
import zipfile
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from chanjiao.listings.importing import ImportResult, import_columns, listings_import
from chanjiao.listings.tests.factories import valid_input

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = "</sheetData></worksheet>"


def job_row(number: int, **overrides: Any) -> dict[str, Any]:
    """Return a valid job row keyed by field name, with external id J0001, J0002, …"""
    row = {**valid_input("job"), "external_id": f"J{number:04d}", **overrides}
    row["title"] = overrides.get("title", f"数控车工{number}")
    return row


def labels(kind: str = "job") -> list[str]:
    """Return the template's header: every field's Chinese label in form order."""
    return [column.label for column in import_columns(kind)]


def table(rows: Iterable[dict[str, Any]], kind: str = "job") -> list[list[Any]]:
    """Return header + rows as a list of cell lists, in the template's column order."""
    names = [column.name for column in import_columns(kind)]
    return [labels(kind)] + [[row.get(name, "") for name in names] for row in rows]


def csv_bytes(cells: list[list[Any]], *, encoding: str = "utf-8") -> bytes:
    """Return rows as CSV text in the given encoding (``utf-8-sig`` adds the BOM)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(cells)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(cells: list[list[Any]], *, extra_sheet: bool = False) -> bytes:
    """Return rows as an .xlsx workbook written by openpyxl."""
    workbook = Workbook()
    sheet = workbook.active
    for row in cells:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("说明").append(["这张表不会被导入"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_package(
    sheet_parts: Iterable[str],
    *,
    skip: frozenset[str] = frozenset(),
    extra: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Return a minimal workbook whose first sheet's XML is the given pieces, streamed."""
    buffer = io.BytesIO()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    }
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, text in parts.items():
            if name not in skip:
                archive.writestr(name, text)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for part in sheet_parts:
                sheet.write(part.encode("utf-8"))
    return buffer.getvalue()


def sheet_xml(rows: Iterable[str]) -> Iterable[str]:
    """Wrap ``<row>`` elements in a worksheet document."""
    yield SHEET_START
    yield from rows
    yield SHEET_END


def inline_row(number: int, values: Iterable[str]) -> str:
    """Return a ``<row>`` of inline-string cells A, B, C…"""
    cells = "".join(
        f'<c r="{get_column_letter(index)}{number}" t="inlineStr">'
        f"<is><t>{escape(value)}</t></is></c>"
        for index, value in enumerate(values, start=1)
        if value != ""
    )
    return f'<row r="{number}">{cells}</row>'


def import_bytes(
    *,
    actor: Any,
    organization: Any,
    content: bytes,
    name: str = "jobs.csv",
    kind: str = "job",
    submit: bool = False,
) -> ImportResult:
    """Import in-memory file content through the public service."""
    return listings_import(
        actor=actor,
        kind=kind,
        organization=organization,
        file_name=name,
        stream=io.BytesIO(content),
        submit=submit,
    )
