"""A report PDF is rendered by the task worker, never inside the download request.

With the database backend (as `chanjiao serve` runs): a download of a PDF not stored yet queues
one render job and answers 202 with a page that reloads itself; a second download while the job
waits joins it; once the worker ran it, the download is the PDF under its Chinese name. With the
immediate backend (tests, one-off commands) the job runs at the enqueue and the download works
at once.
"""

import re
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
WAITING = "报告 PDF 已加入后台生成队列。轮到后通常半分钟内生成完成。"


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
    assert first["Refresh"] == f"5; url={PDF}?wait=1"
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
        "4504-2025-yearly-public.pdf", "梧州市2025年度技能人才供需报告.pdf"
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
        "4504-2025q3-bulletin-public.pdf", "梧州市2025年第3季度就业信息发布.pdf"
    )


def test_the_immediate_backend_renders_at_the_enqueue_so_the_download_works_at_once(
    analytics_world, empty_store
):
    response = Client().get(PDF)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "Refresh" not in response
    assert not _jobs()


def _stage(html: str) -> str:
    """The step the waiting page marks as current."""
    match = re.search(r'<li[^>]*aria-current="step"[^>]*>([^<]+)</li>', html)
    assert match is not None
    return match.group(1)


def test_the_waiting_page_follows_the_job_from_queued_to_done(
    analytics_world, database_tasks, django_capture_on_commit_callbacks
):
    queued = Client().get(PDF)
    [job] = _jobs()
    DBTaskResult.objects.filter(pk=job.pk).update(status="RUNNING")
    running = Client().get(PDF, {"wait": "1"})
    DBTaskResult.objects.filter(pk=job.pk).update(status="READY")
    worker_runs_the_queue(django_capture_on_commit_callbacks)
    done = Client().get(PDF, {"wait": "1"})

    assert (queued.status_code, _stage(queued.content.decode())) == (202, "排队中")
    assert (running.status_code, _stage(running.content.decode())) == (202, "生成中")
    assert running["Refresh"] == f"5; url={PDF}?wait=1"
    assert (done.status_code, _stage(done.content.decode())) == (200, "已完成")
    assert done["Content-Type"].startswith("text/html")  # the page, the download starts from it
    assert done["Refresh"] == f"1; url={PDF}"
    assert f'<a class="button" href="{PDF}">下载 PDF</a>' in done.content.decode()
    assert len(_jobs()) == 1


def test_a_queued_job_says_how_many_wait_before_it(
    analytics_world, database_tasks, django_capture_on_commit_callbacks
):
    Client().get(BULLETIN_PDF)  # another report's job, queued first

    page = Client().get(PDF).content.decode()

    assert "报告 PDF 已加入后台生成队列，前面还有 1 个任务。" in page


def test_a_failed_render_says_so_and_offers_a_fresh_try(
    analytics_world, database_tasks, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr("chanjiao.reports.tasks.report_pdf_prepare", broken)
    Client().get(PDF)
    worker_runs_the_queue(django_capture_on_commit_callbacks)

    failed = Client().get(PDF, {"wait": "1"})

    html = failed.content.decode()
    assert failed.status_code == 200
    assert _stage(html) == "失败"
    assert "Refresh" not in failed  # nothing to wait for
    assert "请点击“重新生成”再试一次" in html
    assert "如果多次失败，请联系平台管理员" in html
    assert f'<a class="button" href="{PDF}">重新生成</a>' in html
    assert [j.status for j in _jobs()] == ["FAILED"]

    again = Client().get(PDF)  # 重新生成

    assert again.status_code == 202
    assert [j.status for j in _jobs()] == ["FAILED", "READY"]


def test_the_waiting_page_keeps_the_version_asked_for(
    analytics_world, database_tasks, wuzhou_officer
):
    officer = Client()
    officer.force_login(wuzhou_officer)

    page = officer.get(PDF, {"version": "public"})

    assert page["Refresh"] == f"5; url={PDF}?version=public&wait=1"
    assert "（公开版）" in page.content.decode()
