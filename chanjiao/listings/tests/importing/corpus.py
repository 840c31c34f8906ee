"""A corpus of malformed import files, each with the error it must produce.

Every case names the row (header = 1), the column as written in the file and part of the
Chinese reason. The files are built by code, so the corpus needs no binary fixtures.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.worksheet.formula import ArrayFormula

from chanjiao.listings.tests.importing.files import (
    csv_bytes,
    inline_row,
    job_row,
    labels,
    sheet_xml,
    table,
    xlsx_bytes,
    xlsx_package,
)

REGION = "工作地点"


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    row: int | None
    column: str
    message: str
    file_name: str = "jobs.csv"
    settings: dict[str, Any] = field(default_factory=dict)
    error_count: int = 1


def _csv(*rows: dict[str, Any], encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: csv_bytes(table(rows), encoding=encoding)


def _xlsx(*rows: dict[str, Any]) -> Callable[[], bytes]:
    return lambda: xlsx_bytes(table(rows))


def _bad(field_name: str, value: Any) -> Callable[[], bytes]:
    """A file whose second data row has one bad cell."""
    return _csv(job_row(1), job_row(2, **{field_name: value}))


def _lines(*lines: bytes) -> Callable[[], bytes]:
    return lambda: b"".join(lines)


def _header_csv() -> bytes:
    return csv_bytes([labels()])


def _good_line(number: int = 1) -> bytes:
    return csv_bytes(table([job_row(number)])[1:])


def _header_and_rows(count: int) -> bytes:
    return csv_bytes(table([job_row(n) for n in range(1, count + 1)]))


def _with_header(header: list[str], row: dict[str, Any]) -> Callable[[], bytes]:
    def build() -> bytes:
        full = table([row])
        index = {label: i for i, label in enumerate(full[0])}
        cells = [full[1][index[label]] if label in index else "x" for label in header]
        return csv_bytes([header, cells])

    return build


def _drop_column(label: str) -> Callable[[], bytes]:
    def build() -> bytes:
        cells = table([job_row(1)])
        keep = [i for i, text in enumerate(cells[0]) if text != label]
        return csv_bytes([[row[i] for i in keep] for row in cells])

    return build


def _rename_column(old: str, new: str) -> Callable[[], bytes]:
    def build() -> bytes:
        cells = table([job_row(1)])
        cells[0] = [new if text == old else text for text in cells[0]]
        return csv_bytes(cells)

    return build


def _duplicate_column(label: str) -> Callable[[], bytes]:
    def build() -> bytes:
        cells = table([job_row(1)])
        index = cells[0].index(label)
        return csv_bytes([row + [row[index]] for row in cells])

    return build


def _extra_cell() -> bytes:
    cells = table([job_row(1)])
    cells[1].append("多出的内容")
    return csv_bytes(cells)


def _gb18030_then_utf8() -> bytes:
    return _header_csv().decode("utf-8").encode("gb18030") + _good_line().decode().encode("utf-8")


def _truncated_utf8() -> bytes:
    return _header_csv() + "数控".encode()[:-1]


def _truncated_gb18030() -> bytes:
    return (_header_csv().decode() + "数控").encode("gb18030")[:-1]


def _unclosed_quote() -> bytes:
    return _header_csv() + _good_line(1) + b'"J0002,\xe6\x95\xb0\xe6\x8e\xa7\r\n'


def _bad_quote() -> bytes:
    return _header_csv() + b'"abc"def,x\r\n'


def _long_record() -> bytes:
    return _header_csv() + b'"' + b"x" * (2 * 1024 * 1024 + 10)


def _long_cell() -> bytes:
    return csv_bytes(table([job_row(1, benefits="福" * 32_768)]))


def _too_many_columns(count: int) -> Callable[[], bytes]:
    return lambda: csv_bytes([labels() + [f"列{i}" for i in range(count - len(labels()))]])


def _formula_xlsx() -> bytes:
    cells = table([job_row(1)])
    cells[1][cells[0].index("招聘人数")] = "=SUM(1,2)"
    return xlsx_bytes(cells)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    return xlsx_package(sheet_xml([]), extra={"xl/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})


def _encrypted_member() -> bytes:
    buffer = io.BytesIO(xlsx_bytes(table([job_row(1)])))
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" flag bit in every central directory entry.
    start = 0
    while (index := data.find(b"PK\x01\x02", start)) != -1:
        data[index + 8] |= 0x01
        start = index + 4
    return bytes(data)


def _entity_bomb() -> bytes:
    doctype = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return xlsx_package([doctype])


def _sheet_rows(*rows: list[str]) -> Callable[[], bytes]:
    return lambda: xlsx_package(sheet_xml(inline_row(n, r) for n, r in enumerate(rows, start=1)))


def _xlsx_long_cell() -> bytes:
    return xlsx_bytes(table([job_row(1, description="说" * 32_768)]))


def _damaged_sheet_xml() -> bytes:
    return xlsx_package([inline_row(1, labels())[:-10]])


def _row_number_beyond_excel() -> bytes:
    header = inline_row(1, labels())
    return xlsx_package(sheet_xml([header, inline_row(1_048_577, ["x"])]))


def _array_formula_xlsx() -> bytes:
    cells = table([job_row(1)])
    cells[1][cells[0].index(REGION)] = ArrayFormula("C2", "=SUM(A1:A2)")
    return xlsx_bytes(cells)


def many_errors() -> bytes:
    rows = [job_row(1), job_row(2, region_code="999999"), job_row(3), job_row(4, title="")]
    rows.append(job_row(5, quantity="0", salary_min="abc"))
    return csv_bytes(table(rows))


XLSX = "jobs.xlsx"
CASES = [
    # Whole-file problems of CSV files.
    Case("empty_file", lambda: b"", None, "", "文件是空的"),
    Case("blank_lines_only", _lines(b"\r\n", b",,,\r\n", b"  \r\n"), None, "", "文件中没有内容"),
    Case("header_only", _header_csv, 2, "", "只有表头，没有数据行"),
    Case("nul_bytes", _lines(b"a,b\r\n", b"c\x00d,e\r\n"), 2, "", "NUL 字节"),
    Case("utf16_text", lambda: "岗位名称\r\n".encode("utf-16"), None, "", "不支持 UTF-16"),
    Case(
        "utf8_then_gb18030",
        lambda: _header_csv() + "数控车工,x\r\n".encode("gb18030"),
        2,
        "",
        "第 1 行是 UTF-8，第 2 行却是 GB18030",
    ),
    Case(
        "gb18030_then_utf8",
        _gb18030_then_utf8,
        2,
        "",
        "第 1 行是 GB18030（GBK），第 2 行却是 UTF-8",
    ),
    Case(
        "bom_then_gb18030",
        lambda: b"\xef\xbb\xbf" + _header_csv() + "车工\r\n".encode("gb18030"),
        2,
        "",
        "混用了两种编码",
    ),
    Case("neither_encoding", _lines(b"title\r\n", b"\xff\xfe\xfd\r\n"), 2, "", "既不是 UTF-8"),
    Case("truncated_utf8_character", _truncated_utf8, 2, "", "汉字被截断"),
    Case("truncated_gb18030_character", _truncated_gb18030, 2, "", "汉字被截断"),
    Case("unclosed_quote_at_end", _unclosed_quote, 3, "", "引号没有闭合"),
    Case("text_after_closing_quote", _bad_quote, 2, "", "引号用法不正确"),
    Case("record_over_two_megabytes", _long_record, 2, "", "一行超过 2 MB"),
    Case("cell_over_excel_limit", _long_cell, 2, "福利待遇", "超过 32767 个字符"),
    Case("xlsx_saved_as_csv", lambda: xlsx_bytes([["a"]]), None, "", "xlsx（压缩包）格式"),
    Case("xls_saved_as_csv", _lines(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), None, "", "旧版 .xls"),
    Case("two_hundred_one_columns", _too_many_columns(201), 1, "", "表头有 201 列，超过 200 列"),
    Case(
        "rows_over_limit",
        lambda: _header_and_rows(4),
        5,
        "",
        "文件超过 3 行上限",
        settings={"CHANJIAO_IMPORT_MAX_ROWS": 3},
    ),
    Case(
        "bytes_over_limit",
        lambda: _header_and_rows(3),
        None,
        "",
        "文件超过 100 字节的大小上限",
        settings={"CHANJIAO_IMPORT_MAX_BYTES": 100},
    ),
    Case("text_file_extension", _header_csv, None, "", "只能导入 CSV", file_name="jobs.txt"),
    Case("xls_extension", _header_csv, None, "", "不支持旧版 .xls", file_name="jobs.xls"),
    Case("xlsm_extension", _header_csv, None, "", "不支持 .xlsm", file_name="jobs.xlsm"),
    # The header row.
    Case("unknown_column", _rename_column("福利待遇", "工资"), 1, "工资", "未知的列名“工资”"),
    Case("repeated_column", _duplicate_column("岗位名称"), 1, "岗位名称", "重复"),
    Case("missing_external_id_column", _drop_column("外部编号"), 1, "", "缺少必填列：外部编号"),
    Case(
        "missing_required_columns",
        _with_header(["外部编号", "岗位名称"], job_row(1)),
        1,
        "",
        "缺少必填列：工作地点、学历要求",
    ),
    # One bad cell on row 3.
    Case("unknown_region_code", _bad("region_code", "999999"), 3, REGION, "未知的地区代码：999999"),
    Case(
        "unknown_occupation_code",
        _bad("occupation_code", "9-99-99-99"),
        3,
        "职业",
        "未知的职业代码",
    ),
    Case(
        "unknown_major_code",
        _bad("major_codes", "460103、999999"),
        3,
        "专业要求",
        "未知的专业代码：999999",
    ),
    Case("bad_date", _bad("valid_until", "2026-13-45"), 3, "有效期止", "不是有效的日期"),
    Case("words_for_a_date", _bad("valid_from", "下个月"), 3, "有效期起", "“下个月”不是有效的日期"),
    Case("february_thirtieth", _bad("valid_until", "2030-02-30"), 3, "有效期止", "不是有效的日期"),
    Case("missing_title", _bad("title", ""), 3, "岗位名称", "必填"),
    Case("missing_external_id", _bad("external_id", ""), 3, "外部编号", "外部编号必填"),
    Case(
        "duplicate_external_id",
        _csv(job_row(1), job_row(2), job_row(3, external_id="J0001")),
        4,
        "外部编号",
        "外部编号与第 2 行重复",
    ),
    Case(
        "salary_out_of_range",
        _bad("salary_max", "2000000"),
        3,
        "薪酬上限（元/月）",
        "小于或等于1000000",
    ),
    Case("quantity_zero", _bad("quantity", "0"), 3, "招聘人数", "大于或等于1"),
    Case("quantity_in_words", _bad("quantity", "五个"), 3, "招聘人数", "输入整数"),
    Case(
        "experience_out_of_range",
        _bad("experience_years", "61"),
        3,
        "工作经验（年）",
        "小于或等于60",
    ),
    Case(
        "salary_range_reversed",
        _bad("salary_min", "9000"),
        3,
        "薪酬上限（元/月）",
        "薪酬下限不能高于薪酬上限",
    ),
    Case(
        "dates_reversed",
        _csv(job_row(1, valid_from="2030-05-01", valid_until="2030-04-01")),
        2,
        "有效期止",
        "有效期止不能早于有效期起",
    ),
    Case("unknown_education", _bad("education", "大学"), 3, "学历要求", "“大学”不是可选值"),
    Case("unknown_employment_type", _bad("employment_type", "临时工"), 3, "用工形式", "全职、兼职"),
    Case("bad_phone", _bad("contact_phone", "12345"), 3, "联系电话", "联系电话格式不正确"),
    Case("title_too_long", _bad("title", "长" * 201), 3, "岗位名称", "不超过 200"),
    Case("external_id_too_long", _bad("external_id", "X" * 65), 3, "外部编号", "不超过 64"),
    Case(
        "too_many_majors",
        _bad("major_codes", "、".join(["460103"] * 21)),
        3,
        "专业要求",
        "最多填写 20 个专业",
    ),
    Case("formula_in_csv", _bad("quantity", "=1+1"), 3, "招聘人数", "单元格是公式（=1+1）"),
    Case("cell_without_header", _extra_cell, 2, "第 19 列", "没有列名"),
    Case("many_errors_all_reported", many_errors, 3, REGION, "未知的地区代码", error_count=4),
    # Whole-file problems of .xlsx files.
    Case("not_a_zip", _lines(b"just text"), None, "", "已损坏或不完整", file_name=XLSX),
    Case(
        "truncated_zip",
        lambda: xlsx_bytes(table([job_row(1)]))[:-200],
        None,
        "",
        "已损坏或不完整",
        file_name=XLSX,
    ),
    Case(
        "zip_without_workbook",
        lambda: _zip({"hello.txt": b"hi"}),
        None,
        "",
        "没有 xl/workbook.xml",
        file_name=XLSX,
    ),
    Case("zip_bomb", _zip_bomb, None, "", "疑似“压缩炸弹”", file_name=XLSX),
    Case(
        "too_many_members",
        lambda: _zip({f"f{i}.txt": b"" for i in range(1001)}),
        None,
        "",
        "1001 个部件",
        file_name=XLSX,
    ),
    Case("encrypted_member", _encrypted_member, None, "", "已加密", file_name=XLSX),
    Case(
        "bzip2_member",
        lambda: _zip({"xl/workbook.xml": b"x"}, zipfile.ZIP_BZIP2),
        None,
        "",
        "不支持的压缩方式",
        file_name=XLSX,
    ),
    Case(
        "password_protected_workbook",
        _lines(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        None,
        "",
        "设置了打开密码",
        file_name=XLSX,
    ),
    Case("entity_bomb", _entity_bomb, None, "", "不安全的 XML", file_name=XLSX),
    Case("damaged_sheet_xml", _damaged_sheet_xml, None, "", "已损坏", file_name=XLSX),
    Case("empty_sheet", _sheet_rows(), None, "", "文件中没有内容", file_name=XLSX),
    Case("formula_cell", _formula_xlsx, 2, "招聘人数", "单元格是公式（=SUM(1,2)）", file_name=XLSX),
    Case("array_formula", _array_formula_xlsx, 2, REGION, "单元格是公式", file_name=XLSX),
    Case("xlsx_long_cell", _xlsx_long_cell, 2, "岗位职责与任职要求", "32767", file_name=XLSX),
    Case(
        "row_number_beyond_excel",
        _row_number_beyond_excel,
        1_048_577,
        "",
        "超过 Excel 上限",
        file_name=XLSX,
    ),
    Case(
        "xlsx_unknown_code",
        _xlsx(job_row(1, region_code="000000")),
        2,
        REGION,
        "未知的地区代码：000000",
        file_name=XLSX,
    ),
    Case(
        "xlsx_header_only",
        lambda: xlsx_bytes([labels()]),
        2,
        "",
        "只有表头",
        file_name=XLSX,
    ),
]
