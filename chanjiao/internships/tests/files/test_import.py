"""Importing placements from a school's spreadsheet, through the API and the page."""

import datetime
import io

import pytest
from django.urls import reverse

from chanjiao.audit.models import AuditEvent
from chanjiao.internships.models import Placement
from chanjiao.internships.tests.files.conftest import csv_file, row, xlsx_file
from chanjiao.students.tests.factories import StudentProfileFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/internships/placements/import/"


@pytest.fixture
def second(wuzhou_school):
    profile = StudentProfileFactory(
        school=wuzhou_school, student_number="S002", birth_date=datetime.date(2009, 5, 1)
    )
    return profile.user


def _post(client, school, upload):
    return client.post(URL, {"school": school.pk, "file": upload}, format="multipart")


def test_a_good_file_creates_each_placement(
    client_for, school_admin, wuzhou_school, numbered, second, unit
):
    upload = csv_file([row("S001"), row("S002", **{"实习类型": "跟岗实习"})])

    response = _post(client_for(school_admin), wuzhou_school, upload)

    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    placements = Placement.objects.order_by("student__student_profile__student_number")
    assert [p.kind for p in placements] == ["post", "follow"]
    assert placements[0].monthly_pay == 2400
    assert placements[0].start_date == datetime.date(2030, 3, 4)
    event = AuditEvent.objects.get(action="placement.import")
    assert event.changes["created"] == 2


def test_every_bad_row_is_reported_and_nothing_written(
    client_for, school_admin, wuzhou_school, numbered, unit
):
    upload = csv_file(
        [
            row("S001"),
            row("S999"),
            row("S001", unit="不存在的公司", **{"开始日期": "2030-04-01"}),
            row("S001", **{"实习类型": "顶岗", "开始日期": "2030-05-01"}),
            row("S001", **{"每周工时": "四十", "开始日期": "2030-05-02"}),
        ]
    )

    response = _post(client_for(school_admin), wuzhou_school, upload)

    assert response.status_code == 400
    errors = response.json()["extra"]["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [
        (3, "学号"),
        (4, "实习单位"),
        (5, "实习类型"),
        (6, "每周工时"),
    ]
    assert "梧州职业学院没有学号或账号为“S999”的学生" in errors[0]["message"]
    assert Placement.objects.count() == 0
    assert AuditEvent.objects.get(action="placement.import").result == "failed"


def test_a_red_line_breach_names_the_column_and_the_article(
    client_for, school_admin, wuzhou_school, numbered, unit
):
    upload = xlsx_file([row("S001", **{"每周工时": "44", "夜班": "是"})])

    response = _post(client_for(school_admin), wuzhou_school, upload)

    assert response.status_code == 400
    errors = {e["column"]: e["message"] for e in response.json()["extra"]["errors"]}
    assert set(errors) == {"每周工时", "夜班"}
    assert errors["每周工时"].startswith("违反《国务院关于职工工作时间的规定》第三条")
    assert Placement.objects.count() == 0


def test_the_unit_share_counts_the_rows_above(
    client_for, school_admin, wuzhou_school, numbered, second, unit
):
    unit.employee_count = 10  # 10 % of 10 staff: one post intern
    unit.save()

    response = _post(client_for(school_admin), wuzhou_school, csv_file([row("S001"), row("S002")]))

    assert response.status_code == 400
    errors = response.json()["extra"]["errors"]
    assert [e["row"] for e in errors] == [3]
    assert "违反《职业学校学生实习管理规定》" in errors[0]["message"]


def test_gb18030_csv(client_for, school_admin, wuzhou_school, numbered, unit):
    upload = csv_file([row("S001")], encoding="gb18030")

    response = _post(client_for(school_admin), wuzhou_school, upload)

    assert response.status_code == 201, response.json()
    assert Placement.objects.get().enterprise == unit


def test_xlsx_and_reimport_changes_nothing(client_for, school_admin, wuzhou_school, numbered, unit):
    client = client_for(school_admin)
    assert _post(client, wuzhou_school, xlsx_file([row("S001")])).status_code == 201

    again = _post(client, wuzhou_school, xlsx_file([row("S001")]))

    assert again.status_code == 201
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 1)
    assert Placement.objects.count() == 1
    changed = _post(client, wuzhou_school, xlsx_file([row("S001", **{"月实习报酬": "2600"})]))
    assert changed.json()["updated"] == 1
    assert Placement.objects.get().monthly_pay == 2600


def test_enterprise_by_credit_code(client_for, school_admin, wuzhou_school, numbered, unit):
    upload = csv_file([row("S001", unit=unit.credit_code)])
    upload = io.BytesIO(upload.getvalue().replace("实习单位".encode(), "统一社会信用代码".encode()))
    upload.name = "code.csv"

    response = _post(client_for(school_admin), wuzhou_school, upload)

    assert response.status_code == 201, response.json()
    assert Placement.objects.get().enterprise == unit


def test_a_user_who_is_not_the_school_is_refused(
    client_for, recruiter, wuzhou_school, numbered, unit
):
    response = _post(client_for(recruiter), wuzhou_school, csv_file([row("S001")]))

    assert response.status_code == 403
    assert Placement.objects.count() == 0


def test_templates_have_the_chinese_header(api_client):
    csv_template = api_client.get("/api/v1/internships/placements/import-template/?format=csv")
    xlsx_template = api_client.get("/api/v1/internships/placements/import-template/")

    assert csv_template.content.decode("utf-8-sig").startswith("学号,学生账号,出生日期,实习类型")
    assert xlsx_template.status_code == 200
    assert xlsx_template.content[:2] == b"PK"


def test_the_page_shows_the_errors_and_offers_them_as_csv(
    client, school_admin, wuzhou_school, numbered, unit
):
    client.force_login(school_admin)
    page = client.get(reverse("internships:import"))
    assert page.status_code == 200
    assert "实习安排导入模板" not in page.content.decode()
    assert "下载模板" in page.content.decode()

    response = client.post(
        reverse("internships:import"),
        {"school": wuzhou_school.pk, "file": csv_file([row("S001", **{"每日工时": "9"})])},
    )

    text = response.content.decode()
    assert "导入失败，未写入任何数据" in text
    assert "每日工时" in text
    errors = client.get(reverse("internships:import_errors"))
    assert errors.content.decode("utf-8-sig").splitlines()[0] == "行号,列,错误原因"
    done = client.post(
        reverse("internships:import"),
        {"school": wuzhou_school.pk, "file": csv_file([row("S001")])},
    )
    assert "新增 1 条实习安排" in done.content.decode()


def test_the_page_tells_a_non_school_user_how_to_get_the_role(client, recruiter):
    client.force_login(recruiter)

    response = client.get(reverse("internships:import"))

    assert response.status_code == 403
    assert "只有学校的“机构管理员”或“信息员”可以导入" in response.content.decode()
