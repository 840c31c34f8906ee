"""A roster confirms the pending claims it matches; bad rows are listed, nothing changes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.students.models import ClaimState, StudentClaim, StudentProfile
from chanjiao.students.tests.factories import StudentClaimFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/students/roster-imports/"
PAGE = "/students/roster/"


def _csv(*lines: str, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile("花名册.csv", ("\r\n".join(lines) + "\r\n").encode(encoding))


@pytest.fixture
def claims(school, cnc, design, this_year):
    """Four pending claims of the school; the roster below matches the first two."""
    year = this_year + 1
    return {
        "wang": StudentClaimFactory(
            school=school, major=design, graduation_year=year, user__real_name="王芳"
        ),
        "li": StudentClaimFactory(
            school=school,
            major=cnc,
            graduation_year=year,
            student_number="A1",
            user__real_name="李雷",
        ),
        "han": StudentClaimFactory(
            school=school,
            major=cnc,
            graduation_year=year,
            student_number="B2",
            user__real_name="韩梅",
        ),
        "zhang": StudentClaimFactory(
            school=school, major=cnc, graduation_year=year + 1, user__real_name="张三"
        ),
    }


@pytest.fixture
def roster(this_year):
    year = this_year + 1
    return _csv(
        "姓名,学号,专业,毕业年份,手机号,邮箱",
        f"王芳,,机械设计与制造,{year},13900000001,wang@example.cn",
        f"李雷,A1,数控技术,{year}届,,",
        f"韩梅,B3,数控技术,{year},,",
        f"陈七,,数控技术,{year},,",
    )


def test_roster_confirms_the_matching_claims(client_for, officer, school, claims, roster):
    response = client_for(officer).post(
        API, {"school": school.pk, "file": roster}, format="multipart"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["rows"], body["confirmed"], body["unmatched"], body["remaining"]) == (4, 2, 2, 2)
    assert [item["row"] for item in body["unmatched_rows"]] == [4, 5]
    assert [item["name"] for item in body["unmatched_rows"]] == ["韩梅", "陈七"]
    states = {key: StudentClaim.objects.get(pk=c.pk).state for key, c in claims.items()}
    assert states == {
        "wang": "confirmed",
        "li": "confirmed",
        "han": "pending",
        "zhang": "pending",
    }
    profiles = StudentProfile.objects.filter(school=school)
    assert set(profiles.values_list("user__real_name", flat=True)) == {"王芳", "李雷"}
    event = AuditEvent.objects.get(action="student_roster.import")
    assert (event.result, event.actor, event.target_id) == ("success", officer, str(school.pk))
    assert event.changes["confirmed"] == 2
    assert AuditEvent.objects.filter(action="student_claim.confirm").count() == 2


def test_school_may_be_left_out_by_staff_of_one_school(client_for, officer, claims, roster):
    response = client_for(officer).post(API, {"file": roster}, format="multipart")
    assert response.status_code == 201
    assert response.json()["confirmed"] == 2


def test_one_row_confirms_one_claim(client_for, officer, school, cnc, this_year):
    year = this_year + 1
    first = StudentClaimFactory(school=school, major=cnc, user__real_name="刘洋")
    second = StudentClaimFactory(school=school, major=cnc, user__real_name="刘洋")

    response = client_for(officer).post(
        API,
        {"school": school.pk, "file": _csv("姓名,专业,毕业年份", f"刘洋,数控技术,{year}")},
        format="multipart",
    )

    assert response.json()["confirmed"] == 1
    assert StudentClaim.objects.get(pk=first.pk).state == ClaimState.CONFIRMED
    assert StudentClaim.objects.get(pk=second.pk).state == ClaimState.PENDING


def test_bad_rows_are_all_reported_and_nothing_is_confirmed(
    client_for, officer, school, claims, this_year
):
    year = this_year + 1
    roster = _csv(
        "姓名,学号,专业,毕业年份,手机号,邮箱",
        f"王芳,,机械设计与制造,{year},,",
        f"李雷,A1,烹饪工艺,{year},,",
        ",,数控技术,2026,,",
        "韩梅,B2,数控技术,二〇二六,,",
        f"赵六,,数控技术,{year},12345,",
        f"钱七,,数控技术,{year},,qian@",
        f"王芳,,机械设计与制造,{year},,",
    )

    response = client_for(officer).post(
        API, {"school": school.pk, "file": roster}, format="multipart"
    )

    assert response.status_code == 400
    errors = response.json()["extra"]["errors"]
    found = {(error["row"], error["column"]) for error in errors}
    assert found == {
        (3, "专业"),
        (4, "姓名"),
        (5, "毕业年份"),
        (6, "手机号"),
        (7, "邮箱"),
        (8, "姓名"),
    }
    by_row = {error["row"]: error["message"] for error in errors}
    assert "没有名为“烹饪工艺”的专业" in by_row[3]
    assert "与第 2 行重复" in by_row[8]
    assert response.json()["extra"]["error_count"] == 6
    assert set(StudentClaim.objects.values_list("state", flat=True)) == {"pending"}
    assert not StudentProfile.objects.exists()
    assert AuditEvent.objects.get(action="student_roster.import").result == AuditResult.FAILED


def test_missing_columns_are_named(client_for, officer, school, claims):
    response = client_for(officer).post(
        API, {"school": school.pk, "file": _csv("姓名,班级", "王芳,1班")}, format="multipart"
    )

    assert response.status_code == 400
    messages = [error["message"] for error in response.json()["extra"]["errors"]]
    assert "未知的列名“班级”，请使用模板中的列名。" in messages
    assert "缺少必填列：专业、毕业年份。" in messages


def test_gb18030_csv_and_xlsx_are_read(client_for, officer, school, claims, this_year):
    year = this_year + 1
    gbk = _csv("姓名,专业,毕业年份", f"王芳,机械设计与制造,{year}", encoding="gb18030")
    assert client_for(officer).post(API, {"file": gbk}, format="multipart").json()["confirmed"] == 1

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "学号", "专业", "毕业年份"])
    sheet.append(["李雷", "A1", "数控技术", year])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("花名册.xlsx", buffer.getvalue())

    response = client_for(officer).post(API, {"file": upload}, format="multipart")

    assert response.status_code == 201, response.json()
    assert response.json()["confirmed"] == 1
    assert StudentClaim.objects.get(pk=claims["li"].pk).state == ClaimState.CONFIRMED


def test_roster_refused_for_another_schools_staff(
    client_for, other_officer, school, roster, claims
):
    response = client_for(other_officer).post(
        API, {"school": school.pk, "file": roster}, format="multipart"
    )

    assert response.status_code == 403
    assert set(StudentClaim.objects.values_list("state", flat=True)) == {"pending"}
    denied = AuditEvent.objects.get(action="student_roster.import")
    assert (denied.result, denied.actor) == (AuditResult.DENIED, other_officer)


def test_roster_page_reports_counts(client, officer, school, claims, roster):
    client.force_login(officer)
    assert "下载模板" in client.get(PAGE).content.decode()

    response = client.post(PAGE, {"school": school.pk, "file": roster})

    html = response.content.decode()
    assert response.status_code == 200
    assert "确认了 2 份申请，2 行没有对应的申请，本校还有 2 份申请待确认" in html
    assert "陈七" in html


def test_roster_page_lists_errors_and_offers_them_as_csv(client, officer, school, claims):
    client.force_login(officer)
    roster = _csv("姓名,专业,毕业年份", "王芳,烹饪工艺,2026")

    html = client.post(PAGE, {"school": school.pk, "file": roster}).content.decode()

    assert "导入失败，未确认任何申请" in html
    assert "没有名为“烹饪工艺”的专业" in html
    download = client.get("/students/roster/errors/")
    assert download.status_code == 200
    text = download.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "行号,列,错误原因"
    assert text.splitlines()[1].startswith("2,专业,")


def test_template_lists_the_columns(client):
    response = client.get("/students/roster/template/")
    assert response.content.decode("utf-8-sig").strip() == "姓名,学号,专业,毕业年份,手机号,邮箱"


def test_roster_page_refused_for_people_who_act_for_no_school(client, outsider):
    client.force_login(outsider)
    assert client.get(PAGE).status_code == 403
