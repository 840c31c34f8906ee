"""Build upload files for the import tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = [
    "学校名称",
    "专业代码",
    "年度",
    "计划招生数",
    "实际招生数",
    "在校生数",
    "毕业生数",
    "就业人数",
    "升学人数",
    "未就业人数",
    "签劳动合同形式就业人数",
    "签就业协议形式就业人数",
    "本地就业人数",
    "专业相关就业人数",
    "平均起薪",
]
VALID = {
    "学校名称": "梧州职业学院",
    "专业代码": "460103",
    "年度": "2024",
    "计划招生数": "60",
    "实际招生数": "55",
    "在校生数": "160",
    "毕业生数": "50",
    "就业人数": "40",
    "升学人数": "6",
    "未就业人数": "4",
    "签劳动合同形式就业人数": "30",
    "签就业协议形式就业人数": "10",
    "本地就业人数": "25",
    "专业相关就业人数": "28",
    "平均起薪": "4200",
}


def row(**changes: str) -> list[str]:
    """Return a valid data row (梧州职业学院, 460103, 2024) with some cells changed."""
    values = {**VALID, **changes}
    return [values[name] for name in HEADER]


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def csv_upload(rows: list[list[str]], *, encoding: str = "utf-8-sig", name: str = "统计.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows, encoding=encoding), content_type="text/csv")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows: list[list[object]], *, name: str = "统计.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows))
