"""Hostile files at full size are refused quickly, with a clear message, in bounded memory.

The files are generated as streams (a CSV written line by line to disk, sheet XML written
straight into the zip), so the tests stay fast while the files really are 1,048,576 rows or
16,384 columns wide.
"""

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from chanjiao.listings.importing import listings_import
from chanjiao.listings.models import Listing
from chanjiao.listings.tests.importing.files import (
    SHEET_END,
    SHEET_START,
    inline_row,
    labels,
    sheet_xml,
    xlsx_package,
)

pytestmark = pytest.mark.django_db

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384
MIB = 1024 * 1024


def _million_row_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(labels()) + "\r\n")
        filler = "," * (len(labels()) - 1)
        for number in range(2, EXCEL_ROWS + 1):
            handle.write(f"行{number}{filler}\r\n")
    return path


def _million_row_sheet() -> Iterator[str]:
    yield SHEET_START
    yield inline_row(1, labels())
    for number in range(2, EXCEL_ROWS + 1):
        yield f'<row r="{number}"><c r="A{number}"><v>{number * 7919 % 1000003}</v></c></row>'
    yield SHEET_END


def _import_path(actor, organization, path: Path):
    with path.open("rb") as stream:
        return listings_import(
            actor=actor, kind="job", organization=organization, file_name=path.name, stream=stream
        )


def _import(actor, organization, content: bytes, name: str):
    return listings_import(
        actor=actor,
        kind="job",
        organization=organization,
        file_name=name,
        stream=io.BytesIO(content),
    )


@pytest.fixture(scope="module")
def million_row_csv(tmp_path_factory) -> Path:
    return _million_row_csv(tmp_path_factory.mktemp("hostile") / "million.csv")


@pytest.fixture(scope="module")
def million_row_xlsx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "million.xlsx"
    path.write_bytes(xlsx_package(_million_row_sheet()))
    return path


def test_csv_with_excels_maximum_rows_is_refused_at_the_limit(
    recruiter, enterprise, million_row_csv
):
    started = time.monotonic()

    result = _import_path(recruiter, enterprise, million_row_csv)

    assert [(e.row, e.message) for e in result.errors] == [
        (100_002, "文件超过 100000 行上限（不含表头），请拆分后分批导入。")
    ]
    assert time.monotonic() - started < 15
    assert Listing.objects.count() == 0


def test_xlsx_with_excels_maximum_rows_is_refused_before_openpyxl_reads_it(
    recruiter, enterprise, million_row_xlsx
):
    archive = zipfile.ZipFile(million_row_xlsx)
    sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size < 100 * sheet.compress_size  # not refused as a zip bomb

    result = _import_path(recruiter, enterprise, million_row_xlsx)

    assert [e.message for e in result.errors] == [
        "工作表有 1048576 行，超过 100000 行上限（不含表头），请拆分后分批导入。"
    ]
    assert Listing.objects.count() == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_excels_maximum_columns_are_refused_at_the_header(recruiter, enterprise, file_format):
    header = [f"列{number}" for number in range(1, EXCEL_COLUMNS + 1)]
    if file_format == "csv":
        content = (",".join(header) + "\r\n" + "," * (EXCEL_COLUMNS - 1) + "x\r\n").encode()
    else:
        content = xlsx_package(sheet_xml([inline_row(1, header), inline_row(2, ["x"])]))

    result = _import(recruiter, enterprise, content, f"wide.{file_format}")

    assert [(e.row, e.message) for e in result.errors] == [
        (1, "表头有 16384 列，超过 200 列的上限。")
    ]


def test_sheet_full_of_merged_cells_is_refused(recruiter, enterprise):
    merges = (f'<mergeCell ref="A{n}:B{n}"/>' for n in range(3, 60_003))
    parts = [
        SHEET_START,
        inline_row(1, labels()),
        "</sheetData><mergeCells>",
        *merges,
        "</mergeCells></worksheet>",
    ]

    result = _import(recruiter, enterprise, xlsx_package(parts), "merged.xlsx")

    assert "合并单元格、超链接、条件格式等）过多" in result.errors[0].message


def test_flooded_styles_part_is_refused(recruiter, enterprise):
    styles = (
        "<styleSheet>" + "".join(f'<xf numFmtId="{n}"/>' for n in range(100_001)) + "</styleSheet>"
    )
    content = xlsx_package(
        sheet_xml([inline_row(1, labels())]), extra={"xl/styles.xml": styles.encode()}
    )

    result = _import(recruiter, enterprise, content, "styles.xlsx")

    assert (
        result.errors[0].message == "xlsx 文件中的 xl/styles.xml 包含的元素过多，结构异常，已拒绝。"
    )


def test_flooded_shared_strings_are_refused(recruiter, enterprise):
    def strings() -> Iterator[bytes]:
        yield b"<sst>"
        for start in range(0, 2_000_001, 100_000):
            stop = min(start + 100_000, 2_000_001)
            yield "".join(f"<si><t>{n:x}</t></si>" for n in range(start, stop)).encode()
        yield b"</sst>"

    buffer = io.BytesIO(xlsx_package(sheet_xml([inline_row(1, labels())])))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as part,
    ):
        for piece in strings():
            part.write(piece)

    result = _import(recruiter, enterprise, buffer.getvalue(), "strings.xlsx")

    assert result.errors[0].message == "xlsx 文件中的共享字符串过多，已拒绝。"


def _status_bytes(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(key)


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("fixture", ["million_row_csv", "million_row_xlsx"])
def test_refusing_the_largest_hostile_files_stays_in_bounded_memory(
    request, recruiter, enterprise, fixture
):
    path = request.getfixturevalue(fixture)
    assert path.stat().st_size > 2 * MIB
    baseline = _status_bytes("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to the current RSS

    result = _import_path(recruiter, enterprise, path)

    growth = _status_bytes("VmHWM") - baseline
    assert "超过 100000 行上限" in result.errors[0].message
    assert growth < 64 * MIB, f"peak RSS grew by {growth / MIB:.1f} MiB"
