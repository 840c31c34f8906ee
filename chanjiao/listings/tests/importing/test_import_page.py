"""The 批量导入 web page: upload, result or error table, error CSV download, templates."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from chanjiao.listings.models import Listing
from chanjiao.listings.tests.importing.files import csv_bytes, job_row, table, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(recruiter):
    client = Client()
    client.force_login(recruiter)
    return client


def _post(client, organization, content: bytes, name: str = "jobs.csv", **extra):
    body = {
        "kind": "job",
        "organization": organization.pk,
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(reverse("listing_import:upload"), body)


def test_page_requires_login():
    response = Client().get(reverse("listing_import:upload"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_page_offers_the_users_organisations_and_templates(browser, enterprise, other_enterprise):
    response = browser.get("/info/import/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "批量导入" in page
    assert f'<option value="{enterprise.pk}">梧州六堡茶业有限公司</option>' in page
    assert other_enterprise.name not in page
    assert "/info/import/template/?kind=job&amp;format=xlsx" in page
    assert "jobseeker" not in page


def test_upload_shows_the_counts(browser, enterprise):
    content = xlsx_bytes(table([job_row(1), job_row(2)]))

    response = _post(browser, enterprise, content, name="jobs.xlsx")

    assert response.status_code == 200
    assert "导入完成：共 2 行，新增 2 条，更新 0 条，未变化 0 条。" in response.content.decode()
    assert Listing.objects.count() == 2


def test_errors_are_listed_and_downloadable_as_csv(browser, enterprise):
    rows = [job_row(1, quantity="=A1*2"), job_row(2, education="大学")]

    response = _post(browser, enterprise, csv_bytes(table(rows)), name="岗位.csv")

    page = response.content.decode()
    assert "导入失败，未写入任何数据" in page
    assert "<td>2</td><td>招聘人数</td><td>单元格是公式（=A1*2）" in page
    assert "<td>3</td><td>学历要求</td><td>“大学”不是可选值" in page
    assert Listing.objects.count() == 0
    download = browser.get(reverse("listing_import:errors"))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    text = download.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["行号", "列", "错误原因"]
    assert lines[1][:2] == ["2", "招聘人数"]
    assert lines[1][2].startswith("单元格是公式（=A1*2）")
    assert lines[2][:2] == ["3", "学历要求"]


def test_error_csv_neutralises_formula_like_cells(browser, enterprise):
    cells = table([job_row(1)])
    cells[0][cells[0].index("福利待遇")] = "=HYPERLINK(1)"

    _post(browser, enterprise, csv_bytes(cells))

    text = browser.get(reverse("listing_import:errors")).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][1] == "'=HYPERLINK(1)"


def test_error_download_without_a_failed_import_is_404(browser):
    assert browser.get(reverse("listing_import:errors")).status_code == 404


def test_refusal_is_shown_on_the_form(browser, enterprise):
    enterprise.is_verified = False
    enterprise.save()

    response = _post(browser, enterprise, csv_bytes(table([job_row(1)])), submit="on")

    assert "发布机构尚未通过认证" in response.content.decode()
    assert Listing.objects.count() == 0


def test_organisation_the_user_cannot_act_for_is_refused(browser, other_enterprise):
    response = _post(browser, other_enterprise, csv_bytes(table([job_row(1)])))

    assert "请选择您担任机构管理员或信息员的机构" in response.content.decode()
    assert Listing.objects.count() == 0


def test_user_without_organisation_is_told_why(outsider):
    client = Client()
    client.force_login(outsider)

    response = client.get(reverse("listing_import:upload"))

    page = response.content.decode()
    assert "您目前还不能批量导入。" in page
    assert "请本单位的机构管理员在平台上把您添加为“信息员”" in page


@pytest.mark.parametrize(
    ("file_format", "magic"), [("xlsx", b"PK\x03\x04"), ("csv", b"\xef\xbb\xbf")]
)
def test_template_download(file_format, magic):
    response = Client().get(
        reverse("listing_import:template"), {"kind": "job", "format": file_format}
    )

    assert response.status_code == 200
    assert response.content.startswith(magic)


def test_unknown_template_is_404():
    response = Client().get(reverse("listing_import:template"), {"kind": "jobseeker"})

    assert response.status_code == 404
