"""The periodic-task command enqueues the due jobs (run at once by the test backend)."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

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

    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        call_command("run_periodic_tasks")
    assert "没有到期的周期任务。" in capsys.readouterr().out

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
