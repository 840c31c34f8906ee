from decimal import Decimal

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Major
from chanjiao.organizations.models import Organization, OrganizationType, SchoolMajor
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.tests.conftest import IMPORT_URL
from chanjiao.statistics.tests.files import HEADER, csv_upload, row, xlsx_upload

pytestmark = pytest.mark.django_db


def _post(client, upload):
    return client.post(IMPORT_URL, {"file": upload}, format="multipart")


def _counts():
    return MajorYearStat.objects.count(), SchoolMajor.objects.count()


@pytest.mark.parametrize(
    ("_case", "make_upload"),
    [
        ("csv_utf8_bom", lambda rows: csv_upload(rows, encoding="utf-8-sig")),
        ("csv_utf8", lambda rows: csv_upload(rows, encoding="utf-8")),
        ("csv_gb18030", lambda rows: csv_upload(rows, encoding="gb18030")),
        ("xlsx", lambda rows: xlsx_upload(rows)),
    ],
)
def test_valid_file_writes_rows_and_school_major(_case, make_upload, client_for, school_admin):
    response = _post(client_for(school_admin), make_upload([HEADER, row()]))

    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 1
    stat = MajorYearStat.objects.get()
    assert (stat.school.name, stat.major.code, stat.year) == ("梧州职业学院", "460103", 2024)
    assert (stat.graduates, stat.employed, stat.further_study, stat.not_employed) == (50, 40, 6, 4)
    assert stat.destination_details == {"contract": 30, "agreement": 10}
    assert stat.avg_starting_salary == Decimal("4200.00")
    assert stat.employment_rate == pytest.approx(0.92)
    assert stat.imported_by == school_admin
    assert SchoolMajor.objects.get().planned_enrollment == 60


def test_xlsx_numbers_typed_as_numbers_are_read(client_for, school_admin):
    cells = [int(v) if v.isdigit() else v for v in row()]
    cells[2] = 2024.0  # Excel stores numbers as floats

    response = _post(client_for(school_admin), xlsx_upload([HEADER, cells]))

    assert response.status_code == 201, response.json()
    assert MajorYearStat.objects.get().year == 2024


def test_reimport_changes_nothing(client_for, school_admin):
    client = client_for(school_admin)
    _post(client, csv_upload([HEADER, row(), row(年度="2025")]))
    before = list(MajorYearStat.objects.values_list("pk", "updated_at"))

    response = _post(client, csv_upload([HEADER, row(), row(年度="2025")]))

    assert response.status_code == 201
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 2)
    assert (body["school_majors_created"], body["school_majors_updated"]) == (0, 0)
    assert list(MajorYearStat.objects.values_list("pk", "updated_at")) == before


def test_changed_row_is_updated_and_left_out_columns_kept(client_for, school_admin):
    client = client_for(school_admin)
    _post(client, csv_upload([HEADER, row()]))
    header = ["学校名称", "专业代码", "年度", "计划招生数", "平均起薪"]

    response = _post(client, csv_upload([header, ["梧州职业学院", "460103", "2024", "70", "4300"]]))

    assert response.json()["updated"] == 1
    stat = MajorYearStat.objects.get()
    assert (stat.planned_enrollment, stat.avg_starting_salary) == (70, Decimal("4300.00"))
    assert (stat.graduates, stat.employed, stat.employed_local) == (50, 40, 25)
    assert SchoolMajor.objects.get().planned_enrollment == 70


def test_class_is_derived_from_its_sub_cases(client_for, school_admin):
    header = ["学校名称", "专业代码", "年度", "毕业生数", "境内升学人数", "出国出境人数"]

    response = _post(
        client_for(school_admin),
        csv_upload([header, ["梧州职业学院", "460103", "2024", "9", "7", "1"]]),
    )

    assert response.status_code == 201, response.json()
    assert MajorYearStat.objects.get().further_study == 8


def test_existing_school_major_is_kept(client_for, school_admin, wuzhou_school):
    major = Major.objects.get(code="460103")
    SchoolMajor.objects.create(school=wuzhou_school, major=major, year=2024, planned_enrollment=60)

    response = _post(client_for(school_admin), csv_upload([HEADER, row()]))

    assert response.json()["school_majors_created"] == 0
    assert SchoolMajor.objects.get().planned_enrollment == 60


def test_one_audit_event_per_import(client_for, school_admin):
    _post(client_for(school_admin), csv_upload([HEADER, row(), row(年度="2023")]))

    event = AuditEvent.objects.get(action="statistics.major_year_import")
    assert event.result == "success"
    assert (event.changes["rows"], event.changes["created"]) == (2, 2)


INVALID_CASES = [
    (
        "unknown_major",
        {"专业代码": "999999"},
        "专业代码",
        "专业代码 999999 不是现行专业目录中的专业",
    ),
    (
        "unknown_school",
        {"学校名称": "不存在的学校"},
        "学校名称",
        "平台中没有名为“不存在的学校”的机构",
    ),
    ("not_a_school", {"学校名称": "梧州六堡茶业有限公司"}, "学校名称", "是企业，不是学校"),
    ("year_too_early", {"年度": "1999"}, "年度", "年度 1999 超出范围"),
    ("year_in_future", {"年度": "2099"}, "年度", "年度 2099 超出范围"),
    ("year_not_number", {"年度": "二〇二四"}, "年度", "年度须为四位年份"),
    ("negative", {"实际招生数": "-3"}, "实际招生数", "人数不能为负数（-3）"),
    ("not_integer", {"在校生数": "12.5"}, "在校生数", "人数须为整数（12.5）"),
    ("not_a_number", {"计划招生数": "六十"}, "计划招生数", "“六十”不是数字"),
    (
        "classes_do_not_add_up",
        {"未就业人数": "5"},
        "毕业生数",
        "就业人数、升学人数、未就业人数之和（51）不等于毕业生数（50）",
    ),
    ("sub_cases_do_not_add_up", {"签劳动合同形式就业人数": "31"}, "就业人数", "之和 41 不相等"),
    (
        "local_above_employed",
        {"本地就业人数": "41"},
        "本地就业人数",
        "本地就业人数（41）不能大于就业人数（40）",
    ),
    (
        "related_above_employed",
        {"专业相关就业人数": "45"},
        "专业相关就业人数",
        "专业相关就业人数（45）不能大于就业人数（40）",
    ),
    ("salary_yearly", {"平均起薪": "60000"}, "平均起薪", "请按月薪填写，不是年薪"),
    ("salary_too_low", {"平均起薪": "300"}, "平均起薪", "平均起薪 300.00 元/月不合理"),
    ("formula", {"就业人数": "=30+10"}, "就业人数", "单元格是公式"),
]


@pytest.mark.parametrize(("_case", "changes", "column", "message"), INVALID_CASES)
def test_invalid_row_is_reported_and_nothing_written(
    _case, changes, column, message, client_for, school_admin, enterprise
):
    response = _post(
        client_for(school_admin), csv_upload([HEADER, row(年度="2023"), row(**changes)])
    )

    assert response.status_code == 400
    errors = response.json()["extra"]["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(3, column)]
    assert message in errors[0]["message"]
    assert response.json()["message"].startswith("导入失败，未写入任何数据")
    assert _counts() == (0, 0)


def test_inactive_major_is_refused(client_for, school_admin):
    Major.objects.filter(code="460103").update(is_active=False)

    response = _post(client_for(school_admin), csv_upload([HEADER, row()]))

    assert (
        response.json()["extra"]["errors"][0]["message"]
        == "专业代码 460103 不是现行专业目录中的专业。"
    )
    assert _counts() == (0, 0)


def test_duplicate_school_major_year_in_file(client_for, school_admin):
    response = _post(client_for(school_admin), csv_upload([HEADER, row(), row(), row(年度="2023")]))

    errors = response.json()["extra"]["errors"]
    assert [(e["row"], e["column"], e["message"]) for e in errors] == [
        (3, "专业代码", "与第 2 行重复：同一学校、专业、年度只能有一行。")
    ]
    assert _counts() == (0, 0)


def test_every_bad_row_is_reported(client_for, school_admin):
    rows = [
        HEADER,
        row(年度="2021"),
        row(年度="1990"),
        row(年度="2022", 就业人数="-1"),
        row(年度="2023", 平均起薪="9"),
    ]

    response = _post(client_for(school_admin), csv_upload(rows))

    assert [e["row"] for e in response.json()["extra"]["errors"]] == [3, 4, 5]
    assert response.json()["extra"]["error_count"] == 3
    assert _counts() == (0, 0)
    assert AuditEvent.objects.get(action="statistics.major_year_import").result == "failed"


def test_a_bad_row_keeps_an_existing_row_unchanged(client_for, school_admin):
    client = client_for(school_admin)
    _post(client, csv_upload([HEADER, row()]))

    response = _post(client, csv_upload([HEADER, row(计划招生数="99"), row(年度="1990")]))

    assert response.status_code == 400
    assert MajorYearStat.objects.get().planned_enrollment == 60
    assert SchoolMajor.objects.get().planned_enrollment == 60


@pytest.mark.parametrize(
    ("_case", "header", "message"),
    [
        ("no_school_column", ["专业代码", "年度"], "缺少必填列：学校统一社会信用代码或学校名称。"),
        ("unknown_column", [*HEADER, "备注栏"], "未知的列名“备注栏”，请使用模板中的列名。"),
    ],
)
def test_bad_header_is_refused(_case, header, message, client_for, school_admin):
    response = _post(client_for(school_admin), csv_upload([header, ["x"] * len(header)]))

    assert response.status_code == 400
    assert [e["message"] for e in response.json()["extra"]["errors"]] == [message]


def test_school_found_by_credit_code(client_for, school_admin, wuzhou_school):
    wuzhou_school.credit_code = "124504032531882240"
    wuzhou_school.save()
    header = ["学校统一社会信用代码", *HEADER[1:]]

    response = _post(
        client_for(school_admin), csv_upload([header, ["124504032531882240", *row()[1:]]])
    )

    assert response.status_code == 201, response.json()
    assert MajorYearStat.objects.get().school == wuzhou_school


def test_old_xls_file_is_refused(client_for, school_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _post(
        client_for(school_admin), SimpleUploadedFile("统计.xls", b"\xd0\xcf\x11\xe0data")
    )

    assert response.status_code == 400
    assert "不支持旧版 .xls 文件" in response.json()["message"]


def test_ambiguous_school_name_asks_for_the_credit_code(
    client_for, staff_user, wuzhou_school, shuangyashan
):
    Organization.objects.create(
        name="梧州职业学院", org_type=OrganizationType.HIGHER_VOCATIONAL, region=shuangyashan
    )

    response = _post(client_for(staff_user), csv_upload([HEADER, row()]))

    error = response.json()["extra"]["errors"][0]
    assert (error["column"], error["message"]) == (
        "学校名称",
        "平台中有多个名为“梧州职业学院”的机构，请填写统一社会信用代码。",
    )


def test_credit_code_and_name_must_agree(client_for, staff_user, wuzhou_school, enterprise):
    header = ["学校统一社会信用代码", *HEADER]
    cells = [enterprise.credit_code, *row()]

    response = _post(client_for(staff_user), csv_upload([header, cells]))

    error = response.json()["extra"]["errors"][0]
    assert error["column"] == "学校名称"
    assert error["message"].endswith("与学校名称“梧州职业学院”不符。")
    assert _counts() == (0, 0)


def test_leading_zero_of_a_major_code_typed_as_number_is_restored(
    client_for, staff_user, wuzhou_school
):
    cells = row(专业代码="90101")  # 090101 农学 typed as a number in Excel

    response = _post(client_for(staff_user), xlsx_upload([HEADER, cells]))

    assert response.status_code == 201, response.json()
    assert MajorYearStat.objects.get().major.code == "090101"
