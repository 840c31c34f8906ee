import pytest
from rest_framework.test import APIClient

from chanjiao.audit.models import AuditEvent
from chanjiao.statistics.models import MajorYearStat
from chanjiao.statistics.tests.conftest import IMPORT_URL
from chanjiao.statistics.tests.files import HEADER, csv_upload, row

pytestmark = pytest.mark.django_db
WUZHOU_ROW = row()
SHUANGYASHAN_ROW = row(学校名称="双鸭山职业技术学院")


@pytest.mark.parametrize(
    ("persona", "file_row", "status", "message"),
    [
        ("school_admin", WUZHOU_ROW, 201, ""),
        ("school_info_officer", WUZHOU_ROW, 201, ""),
        ("wuzhou_officer", WUZHOU_ROW, 201, ""),
        ("staff_user", SHUANGYASHAN_ROW, 201, ""),
        ("school_admin", SHUANGYASHAN_ROW, 400, "您无权导入“双鸭山职业技术学院”的统计数据。"),
        ("shuangyashan_officer", WUZHOU_ROW, 400, "您无权导入“梧州职业学院”的统计数据。"),
        (
            "recruiter",
            WUZHOU_ROW,
            403,
            "只有学校的机构管理员、信息员或政府管理员可以导入统计数据。",
        ),
        ("student", WUZHOU_ROW, 403, "只有学校的机构管理员、信息员或政府管理员可以导入统计数据。"),
        ("outsider", WUZHOU_ROW, 403, "只有学校的机构管理员、信息员或政府管理员可以导入统计数据。"),
    ],
)
def test_import_rights(
    persona, file_row, status, message, request, client_for, wuzhou_school, shuangyashan_school
):
    user = request.getfixturevalue(persona)

    response = client_for(user).post(
        IMPORT_URL, {"file": csv_upload([HEADER, file_row])}, format="multipart"
    )

    assert response.status_code == status, response.json()
    if status == 201:
        assert MajorYearStat.objects.count() == 1
        return
    assert MajorYearStat.objects.count() == 0
    body = response.json()
    errors = body["extra"].get("errors")
    assert (errors[0]["message"] if errors else body["message"]) == message


def test_anonymous_is_refused(wuzhou_school):
    response = APIClient().post(
        IMPORT_URL, {"file": csv_upload([HEADER, WUZHOU_ROW])}, format="multipart"
    )

    assert response.status_code == 403
    assert MajorYearStat.objects.count() == 0


def test_refused_importer_is_audited(client_for, outsider):
    client_for(outsider).post(
        IMPORT_URL, {"file": csv_upload([HEADER, WUZHOU_ROW])}, format="multipart"
    )

    assert AuditEvent.objects.get(action="statistics.major_year_import").result == "denied"


def test_officer_imports_schools_of_sub_regions(client_for, wuzhou_officer, wuzhou_school):
    assert wuzhou_school.region.code == "450403"  # 万秀区, below 梧州市 (4504)

    response = client_for(wuzhou_officer).post(
        IMPORT_URL, {"file": csv_upload([HEADER, WUZHOU_ROW])}, format="multipart"
    )

    assert response.status_code == 201
