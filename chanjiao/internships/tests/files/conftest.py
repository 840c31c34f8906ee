"""Files to import: a header and rows as people type them, written as CSV or .xlsx."""

import csv
import io

import pytest
from openpyxl import Workbook

HEADER = [
    "学号",
    "实习类型",
    "实习单位",
    "实习岗位",
    "实习地点",
    "开始日期",
    "结束日期",
    "每日工时",
    "每周工时",
    "月实习报酬",
    "该岗位试用期工资",
    "该岗位在岗人数",
    "夜班",
    "加班",
    "节假日",
]


def row(number="S001", unit="梧州六堡茶业有限公司", **changes):
    values = {
        "学号": number,
        "实习类型": "岗位实习",
        "实习单位": unit,
        "实习岗位": "茶叶加工",
        "实习地点": "梧州市万秀区工业园",
        "开始日期": "2030/3/4",
        "结束日期": "2030-06-28",
        "每日工时": "8",
        "每周工时": "40",
        "月实习报酬": "2,400",
        "该岗位试用期工资": "3000",
        "该岗位在岗人数": "50",
        "夜班": "否",
        "加班": "否",
        "节假日": "否",
    }
    values.update(changes)
    return [values[name] for name in HEADER]


def csv_file(rows, *, encoding="utf-8-sig", name="实习.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    data = io.BytesIO(buffer.getvalue().encode(encoding))
    data.name = name
    return data


def xlsx_file(rows, *, name="实习.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for cells in [HEADER, *rows]:
        sheet.append(cells)  # type: ignore[union-attr]
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = name
    return data


@pytest.fixture(autouse=True)
def _file_urls(settings):
    settings.ROOT_URLCONF = "chanjiao.internships.tests.files.urls"


@pytest.fixture
def numbered(intern):
    profile = intern.student_profile
    profile.student_number = "S001"
    profile.save()
    return intern
