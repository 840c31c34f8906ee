"""The import API: upload → 201 with counts, or 400 listing every error; template downloads."""

import io

import pytest
from openpyxl import load_workbook

from chanjiao.listings.importing import import_columns
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.importing.files import csv_bytes, job_row, table

pytestmark = pytest.mark.django_db

URL = "/api/v1/listings/imports/"
TEMPLATE_URL = "/api/v1/listings/import-template/"


def _upload(client, organization, content: bytes, name: str = "jobs.csv", **extra):
    upload = io.BytesIO(content)
    upload.name = name
    body = {"kind": "job", "organization": organization.pk, "file": upload, **extra}
    return client.post(URL, body, format="multipart")


def test_upload_creates_items_and_reports_counts(client_for, recruiter, enterprise):
    content = csv_bytes(table([job_row(1), job_row(2)]))

    response = _upload(client_for(recruiter), enterprise, content)

    assert response.status_code == 201, response.json()
    assert response.json() == {
        "kind": "job",
        "file_name": "jobs.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "message": "导入完成：共 2 行，新增 2 条，更新 0 条，未变化 0 条。",
    }
    assert Listing.objects.filter(organization=enterprise).count() == 2


def test_upload_again_changes_nothing(client_for, recruiter, enterprise):
    client = client_for(recruiter)
    content = csv_bytes(table([job_row(1), job_row(2)]))
    _upload(client, enterprise, content)

    response = _upload(client, enterprise, content)

    assert (response.json()["created"], response.json()["unchanged"]) == (0, 2)
    assert Listing.objects.count() == 2


def test_upload_with_submit(client_for, recruiter, enterprise):
    content = csv_bytes(table([job_row(1)]))

    response = _upload(client_for(recruiter), enterprise, content, submit="true")

    assert response.status_code == 201
    assert Listing.objects.get().status == ListingStatus.SUBMITTED


def test_bad_rows_give_400_with_every_error_and_write_nothing(client_for, recruiter, enterprise):
    rows = [job_row(1, region_code="999999"), job_row(2), job_row(3, valid_until="明天")]

    response = _upload(client_for(recruiter), enterprise, csv_bytes(table(rows)))

    assert response.status_code == 400
    body = response.json()
    assert body["message"] == (
        "导入失败，未写入任何数据：文件中有 2 处错误，请按错误清单逐一修改后重新导入。"
    )
    assert body["extra"] == {
        "errors": [
            {"row": 2, "column": "工作地点", "message": "未知的地区代码：999999。"},
            {
                "row": 4,
                "column": "有效期止",
                "message": "“明天”不是有效的日期，请写成 2026-03-01 这样的格式。",
            },
        ],
        "error_count": 2,
    }
    assert Listing.objects.count() == 0


def test_hostile_file_gives_400_not_500(client_for, recruiter, enterprise):
    response = _upload(client_for(recruiter), enterprise, b"PK\x03\x04broken", name="a.xlsx")

    assert response.status_code == 400
    assert response.json()["extra"]["errors"][0]["message"].startswith("xlsx 文件已损坏")


def test_personal_kind_is_refused(client_for, student, wuzhou_school):
    response = _upload(client_for(student), wuzhou_school, b"x", kind="jobseeker")

    assert response.status_code == 400
    assert response.json()["message"] == "个人求职档案只能由本人逐条填写，不能批量导入。"


@pytest.mark.parametrize(
    ("_case", "user", "status"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 403),
        ("other_enterprise_recruiter", "other_recruiter", 403),
        ("school_admin", "school_admin", 403),
        ("recruiter", "recruiter", 201),
        ("enterprise_admin", "enterprise_admin", 201),
    ],
)
def test_authorization(request, _case, user, status, enterprise, other_enterprise, api_client):
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory

    if user == "other_recruiter":
        actor = UserFactory(username="other_recruiter")
        MembershipFactory(user=actor, organization=other_enterprise, role=Role.INFO_OFFICER)
    else:
        actor = request.getfixturevalue(user) if user else None
    client = api_client
    if actor is not None:
        client.force_login(actor)

    response = _upload(client, enterprise, csv_bytes(table([job_row(1)])))

    assert response.status_code == status, response.json()
    assert Listing.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_template_download_is_public(api_client, file_format):
    response = api_client.get(TEMPLATE_URL, {"kind": "job", "format": file_format})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "%E5%B2%97%E4%BD%8D%E9%9C%80%E6%B1%82" in response["Content-Disposition"]  # 岗位需求
    labels = [column.label for column in import_columns("job")]
    if file_format == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        assert response.content.decode("utf-8-sig").strip() == ",".join(labels)
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert [cell.value for cell in workbook.worksheets[0][1]] == labels
        assert workbook.sheetnames == ["岗位需求", "填写说明"]


def test_template_of_unknown_kind_or_format_is_400(api_client):
    assert api_client.get(TEMPLATE_URL, {"kind": "jobseeker"}).status_code == 400
    response = api_client.get(TEMPLATE_URL, {"kind": "job", "format": "pdf"})
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["format"] == ["模板格式只能是 csv 或 xlsx。"]
