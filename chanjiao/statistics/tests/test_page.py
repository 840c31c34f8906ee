import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from chanjiao.catalogs.models import Major
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.tests.files import HEADER, VALID, csv_upload, row

pytestmark = pytest.mark.django_db
PAGE = "/statistics/"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(catalogs):
    response = Client().get(PAGE)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_page_lists_only_visible_rows(school_admin, wuzhou_school, shuangyashan_school):
    major = Major.objects.get(code="460103")
    MajorYearStat.objects.create(school=wuzhou_school, major=major, year=2024, actual_enrollment=41)
    MajorYearStat.objects.create(
        school=shuangyashan_school, major=major, year=2024, actual_enrollment=42
    )

    page = _client(school_admin).get(PAGE).content.decode()

    assert "梧州职业学院" in page
    assert "双鸭山职业技术学院" not in page
    assert "人社供求统计（求人倍率表）" not in page  # a school cannot import 人社 tables


def test_page_filters(staff_user, wuzhou_school, shuangyashan_school):
    major = Major.objects.get(code="460103")
    MajorYearStat.objects.create(school=wuzhou_school, major=major, year=2024)
    MajorYearStat.objects.create(school=shuangyashan_school, major=major, year=2024)

    page = _client(staff_user).get(PAGE, {"region": "2305"}).content.decode()

    assert "双鸭山职业技术学院" in page
    assert "<td>梧州职业学院</td>" not in page


def test_upload_shows_every_error(school_admin):
    upload = csv_upload([HEADER, row(年度="1990"), row(平均起薪="70000")])

    response = _client(school_admin).post(PAGE, {"kind": "major_year", "file": upload})

    page = response.content.decode()
    assert "导入失败，未写入任何数据" in page
    assert "年度 1990 超出范围" in page
    assert "请按月薪填写，不是年薪" in page
    assert MajorYearStat.objects.count() == 0


def test_upload_imports(school_admin):
    response = _client(school_admin).post(
        PAGE, {"kind": "major_year", "file": csv_upload([HEADER, row()])}
    )

    assert "导入完成：共 1 行，新增 1 条" in response.content.decode()
    assert MajorYearStat.objects.count() == 1


def test_school_cannot_pick_labor_market_import(school_admin):
    response = _client(school_admin).post(
        PAGE, {"kind": "labor_market", "file": csv_upload([HEADER])}
    )

    assert response.status_code == 200
    assert "导入完成" not in response.content.decode()


def test_xlsx_template_has_every_column_and_an_explanation_sheet(catalogs):
    response = Client().get("/statistics/template/major_year.xlsx")

    workbook = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in next(workbook.worksheets[0].iter_rows(max_row=1))]
    assert header[:4] == ["学校统一社会信用代码", "学校名称", "专业代码", "年度"]
    assert {"签就业协议形式就业人数", "境内升学人数", "待就业人数", "平均起薪"} <= set(header)
    notes = workbook["填写说明"]
    assert [cell.value for cell in notes[1]] == ["列名", "是否必填", "说明"]
    assert notes.max_row == len(header) + 1


def test_filled_csv_template_imports(client_for, school_admin):
    template = client_for(school_admin).get("/api/v1/statistics/major-years/template/?format=csv")
    header = template.content.decode("utf-8-sig").strip().split(",")
    cells = [VALID.get(name, "") for name in header]

    response = client_for(school_admin).post(
        "/api/v1/statistics/major-years/import/",
        {"file": csv_upload([header, cells])},
        format="multipart",
    )

    assert response.status_code == 201, response.json()


def test_labor_market_template(catalogs, client_for, staff_user):
    response = client_for(staff_user).get("/api/v1/statistics/labor-market/template/?format=csv")

    assert response.content.decode("utf-8-sig").startswith(
        "地区代码,地区,年度,季度,职业代码,职业名称"
    )
