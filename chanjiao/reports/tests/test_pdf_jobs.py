"""A report PDF is rendered by the task worker, never inside the download request.

With the database backend (as `chanjiao serve` runs): a download of a PDF not stored yet queues
one render job and answers 202 with a page that reloads itself; a second download while the job
waits joins it; once the worker ran it, the download is the PDF under its Chinese name. With the
immediate backend (tests, one-off commands) the job runs at the enqueue and the download works
at once.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from chanjiao.audit.models import AuditEvent
from chanjiao.common.tests.task_queue import worker_runs_the_queue
from chanjiao.reports.tasks import render_report_pdf_task

pytestmark = pytest.mark.django_db

PDF = "/analytics/reports/4504/2025.pdf"
BULLETIN_PDF = "/analytics/reports/4504/2025-q3.pdf"
WAITING = "报告 PDF 正在生成，通常需要半分钟，本页会自动刷新；也可稍后再来下载。"


@pytest.fixture
def empty_store(settings):
    """No PDF rendered yet: a fresh (in-memory) storage; earlier tests may have stored one."""
    settings.STORAGES = {**settings.STORAGES}  # a changed STORAGES makes a new default storage


@pytest.fixture
def database_tasks(settings, empty_store):
    """Tasks queued in the database, as `chanjiao serve` and production run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _jobs() -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(task_path=render_report_pdf_task.module_path).order_by(
            "enqueued_at"
        )
    )


def _disposition(ascii_name: str, chinese_name: str) -> str:
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(chinese_name)}"


def test_a_pdf_not_rendered_yet_is_queued_once_and_served_after_the_worker_ran(
    analytics_world, database_tasks, django_capture_on_commit_callbacks
):
    first = Client().get(PDF)

    assert first.status_code == 202
    assert first["Refresh"] == "5"
    assert "no-cache" in first["Cache-Control"]
    page = first.content.decode()
    assert WAITING in page
    assert "梧州市2025年度技能人才供需报告" in page
    assert 'href="/analytics/reports/4504/2025.html"' in page  # back to the report
    [job] = _jobs()
    assert job.args_kwargs["kwargs"] == {
        "kind": "yearly",
        "locality_id": analytics_world["locality"].pk,
        "year": 2025,
        "version": "public",
        "quarter": None,
    }

    again = Client().get(PDF)  # a second download while the job waits joins it

    assert again.status_code == 202
    assert [j.pk for j in _jobs()] == [job.pk]

    ran = worker_runs_the_queue(django_capture_on_commit_callbacks)
    assert [(r.pk, r.status) for r in ran] == [(job.pk, "SUCCESSFUL")]

    done = Client().get(PDF)

    assert done.status_code == 200
    assert done["Content-Type"] == "application/pdf"
    assert done.content.startswith(b"%PDF")
    assert done["Content-Disposition"] == _disposition(
        "4504-2025-yearly-public.pdf", "梧州市2025年度技能人才供需报告（公开版）.pdf"
    )
    assert len(_jobs()) == 1  # served from storage, nothing queued


def test_the_officers_internal_pdf_is_its_own_job_and_its_download_is_audited(
    analytics_world, database_tasks, wuzhou_officer, django_capture_on_commit_callbacks
):
    officer = Client()
    officer.force_login(wuzhou_officer)

    assert Client().get(PDF).status_code == 202
    assert officer.get(PDF).status_code == 202
    assert officer.get(PDF).status_code == 202
    assert sorted(j.args_kwargs["kwargs"]["version"] for j in _jobs()) == ["internal", "public"]
    assert not AuditEvent.objects.filter(action="report.internal.read").exists()

    worker_runs_the_queue(django_capture_on_commit_callbacks)
    done = officer.get(PDF)

    assert done.status_code == 200
    assert "%EF%BC%88%E5%86%85%E9%83%A8%E7%89%88%EF%BC%89.pdf" in done["Content-Disposition"]
    assert AuditEvent.objects.filter(action="report.internal.read").count() == 1


def test_a_quarterly_bulletin_pdf_goes_through_the_worker_too(
    analytics_world, database_tasks, django_capture_on_commit_callbacks
):
    waiting = Client().get(BULLETIN_PDF)

    assert waiting.status_code == 202
    assert 'href="/analytics/reports/4504/2025-q3.html"' in waiting.content.decode()
    [job] = _jobs()
    assert job.args_kwargs["kwargs"]["quarter"] == 3

    worker_runs_the_queue(django_capture_on_commit_callbacks)
    done = Client().get(BULLETIN_PDF)

    assert done.status_code == 200
    assert done["Content-Disposition"] == _disposition(
        "4504-2025q3-bulletin-public.pdf", "梧州市2025年第3季度就业信息发布（公开版）.pdf"
    )


def test_the_immediate_backend_renders_at_the_enqueue_so_the_download_works_at_once(
    analytics_world, empty_store
):
    response = Client().get(PDF)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "Refresh" not in response
    assert not _jobs()
