"""The periodic-task command enqueues the due jobs (run at once by the test backend)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from chanjiao.common.jobs import enqueue_once
from chanjiao.common.models import PeriodicRun
from chanjiao.common.periodic import periodic_runs_record
from chanjiao.demo.services.derived import DERIVED_DEMOS
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from config.schedules import PERIODIC_TASKS

pytestmark = pytest.mark.django_db


def test_expired_items_are_closed_by_the_periodic_run(recruiter, enterprise, wuzhou_gov, capsys):
    listing = listing_make(
        kind="job", author=recruiter, organization=enterprise, reviewer=reviewer_for(wuzhou_gov)
    )
    Listing.objects.filter(pk=listing.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    call_command("run_periodic_tasks")

    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.EXPIRED
    assert "发布到期生效的信息，关闭过期信息：已加入队列" in capsys.readouterr().out


def _queued(output: str) -> set[str]:
    return {line.split("：")[0] for line in output.splitlines() if "已加入队列" in line}


def test_a_second_run_enqueues_only_what_is_due(catalogs, capsys):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call_command("run_periodic_tasks")
    assert _queued(capsys.readouterr().out) == {p.description for p in PERIODIC_TASKS}

    with time_machine.travel(start + datetime.timedelta(seconds=5), tick=False):
        call_command("run_periodic_tasks")
    assert "没有到期的周期任务。" in capsys.readouterr().out

    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        call_command("run_periodic_tasks")
    often = {p.description for p in PERIODIC_TASKS if p.every <= datetime.timedelta(minutes=5)}
    assert _queued(capsys.readouterr().out) == often

    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        call_command("run_periodic_tasks")
    hourly = {p.description for p in PERIODIC_TASKS if p.every <= datetime.timedelta(hours=1)}
    assert _queued(capsys.readouterr().out) == hourly

    call_command("run_periodic_tasks", "--all")
    assert _queued(capsys.readouterr().out) == {p.description for p in PERIODIC_TASKS}


def test_jobs_the_demonstration_computed_are_not_run_again_at_once(catalogs, capsys):
    covered = {task for demo in DERIVED_DEMOS for task in demo.covers}
    assert covered <= {p.task for p in PERIODIC_TASKS}

    periodic_runs_record(tasks=covered, source="demo")
    call_command("run_periodic_tasks")

    left = {p.description for p in PERIODIC_TASKS if p.task not in covered}
    assert _queued(capsys.readouterr().out) == left
    assert PeriodicRun.objects.filter(source="demo").count() == len(covered)


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as `chanjiao serve` and production run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued_rows(task: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task))


def test_the_scheduler_picks_up_a_due_job_and_leaves_a_fresh_one(database_tasks, catalogs):
    due, fresh = PERIODIC_TASKS[0], PERIODIC_TASKS[1]
    now = timezone.now()
    periodic_runs_record(tasks=[p.task for p in PERIODIC_TASKS], source="test", now=now)
    PeriodicRun.objects.filter(task=due.task).update(
        last_started_at=now - due.every - datetime.timedelta(seconds=1)
    )

    call_command("run_periodic_tasks", stdout=io.StringIO())

    [queued] = _queued_rows(due.task)
    assert queued.status == TaskResultStatus.READY
    assert PeriodicRun.objects.get(task=due.task).last_started_at >= now
    assert PeriodicRun.objects.get(task=due.task).source == "schedule"
    assert _queued_rows(fresh.task) == []
    assert DBTaskResult.objects.count() == 1


def test_a_job_still_queued_from_its_last_turn_is_not_queued_again(database_tasks, catalogs):
    job = PERIODIC_TASKS[0]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        call_command("run_periodic_tasks", stdout=io.StringIO())
    [first] = _queued_rows(job.task)
    first.claim("busy-worker")  # the worker is still running it

    with time_machine.travel(start + job.every, tick=False):
        output = io.StringIO()
        call_command("run_periodic_tasks", stdout=output)

    assert [row.pk for row in _queued_rows(job.task)] == [first.pk]
    assert f"{job.description}：已加入队列（{first.pk}，RUNNING）" in output.getvalue()


def test_a_job_is_never_marked_run_without_being_queued(database_tasks, catalogs, monkeypatch):
    from chanjiao.common.management.commands import run_periodic_tasks as command

    queued = []

    def enqueue_then_fail(task):
        if queued:
            raise OperationalError("database is locked")
        queued.append(task)
        return enqueue_once(task)

    monkeypatch.setattr(command, "enqueue_once", enqueue_then_fail)

    with pytest.raises(OperationalError):
        call_command("run_periodic_tasks", stdout=io.StringIO())

    # The second job's failure rolled back the first one's queue row and every claim.
    assert len(queued) == 1
    assert DBTaskResult.objects.count() == 0
    assert not PeriodicRun.objects.filter(last_started_at__isnull=False).exists()

    monkeypatch.setattr(command, "enqueue_once", enqueue_once)
    call_command("run_periodic_tasks", stdout=io.StringIO())
    assert DBTaskResult.objects.count() == len(PERIODIC_TASKS)


def test_the_loop_outlives_a_busy_database(catalogs, monkeypatch):
    from chanjiao.common.management.commands import run_periodic_tasks as command

    calls = []

    def claim(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        if len(calls) == 2:
            return []
        raise KeyboardInterrupt  # Ctrl-C: the third round ends the test

    monkeypatch.setattr(command, "periodic_claim_due", claim)
    monkeypatch.setattr(command.time, "sleep", lambda seconds: None)
    out, err = io.StringIO(), io.StringIO()

    call_command("run_periodic_tasks", "--loop", stdout=out, stderr=err)

    assert len(calls) == 3
    assert "数据库繁忙，本轮调度跳过，10 秒后重试：database is locked" in err.getvalue()
    assert out.getvalue().strip().endswith("周期任务调度已停止。")
