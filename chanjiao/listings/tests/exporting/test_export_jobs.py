"""A large export is written by the worker; its owner follows a status page to the download."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from chanjiao.audit.models import AuditEvent
from chanjiao.listings import export_jobs
from chanjiao.listings.models import ExportJob
from chanjiao.listings.tests.exporting.conftest import as_dicts, read_export

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(monkeypatch, settings, tmp_path):
    """Every export counts as large; files go to a temporary media folder."""
    monkeypatch.setattr(export_jobs, "BACKGROUND_ROWS", 0)
    settings.MEDIA_ROOT = tmp_path


def test_a_large_export_becomes_a_job_with_a_status_page_and_a_chinese_file_name(
    client, job, recruiter, large, django_capture_on_commit_callbacks
):
    client.force_login(recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse("listing_export:download"), {"format": "csv", "scope": "mine", "kind": "job"}
        )

    export = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("listing_export:job", args=[export.pk])
    assert export.status == ExportJob.Status.DONE
    assert export.rows == 1
    status_page = client.get(response["Location"])
    assert "Refresh" not in status_page
    assert "文件已生成：共 1 条信息" in status_page.content.decode()

    download = client.get(reverse("listing_export:job-download", args=[export.pk]))
    assert download.status_code == 200
    assert export.filename.startswith("供需信息-本机构信息-岗位需求-")
    assert f"filename*=utf-8''{quote(export.filename)}" in download["Content-Disposition"]
    (row,) = as_dicts(read_export(download, "csv"))
    assert row["联系电话"] == "13812345678"
    assert AuditEvent.objects.filter(action="listing.export").count() == 1
    # Closing sends request_finished, which closes the test's PostgreSQL connection: query first.
    download.close()


def test_a_waiting_job_refreshes_itself(client, recruiter, large):
    waiting = ExportJob.objects.create(user=recruiter, scope="mine", file_format="csv")
    client.force_login(recruiter)

    page = client.get(reverse("listing_export:job", args=[waiting.pk]))

    assert page["Refresh"] == "5"
    assert "文件正在后台生成" in page.content.decode()
    early = client.get(reverse("listing_export:job-download", args=[waiting.pk]))
    assert early["Location"] == reverse("listing_export:job", args=[waiting.pk])


def test_another_users_job_is_not_found(client, recruiter, outsider, large):
    other = ExportJob.objects.create(user=recruiter, scope="mine", file_format="csv")
    client.force_login(outsider)

    assert client.get(reverse("listing_export:job", args=[other.pk])).status_code == 404
    download = client.get(reverse("listing_export:job-download", args=[other.pk]))
    assert download.status_code == 404


def test_a_refused_scope_makes_no_job(client, job, outsider, large):
    client.force_login(outsider)

    response = client.get(
        reverse("listing_export:download"),
        {"format": "csv", "scope": "review"},
        HTTP_REFERER="http://testserver/info/job/",
    )

    assert response.status_code == 302
    assert not ExportJob.objects.exists()


def test_small_exports_still_download_at_once(client, job, recruiter, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(recruiter)

    response = client.get(reverse("listing_export:download"), {"format": "csv", "scope": "mine"})

    assert response.status_code == 200
    assert len(as_dicts(read_export(response, "csv"))) == 1
    assert not ExportJob.objects.exists()
    response.close()  # last: it sends request_finished, which closes the database connection
