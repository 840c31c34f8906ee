"""A post approved while the platform runs reaches search and the lists it matches within a minute.

The platform runs as `chanjiao serve` does: tasks are queued in the database, the worker runs
them in order, and the scheduler's loop enqueues the due periodic jobs. Nobody types a command:
the test only lets the scheduler take one turn and the worker run what is queued.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chanjiao.catalogs.models import Major
from chanjiao.common.management.commands.run_periodic_tasks import LOOP_SECONDS
from chanjiao.common.periodic import periodic_runs_record
from chanjiao.common.tests.task_queue import worker_runs_the_queue
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.services import localities_load_default
from chanjiao.recommendations.candidates import indexes_forget
from chanjiao.recommendations.features import key_industries_clear
from chanjiao.search.backends import get_backend
from chanjiao.students.models import StudentProfile
from config.schedules import PERIODIC_TASKS

pytestmark = pytest.mark.django_db

ME = "/api/v1/recommendations/me/"
STALE_JOB = "chanjiao.recommendations.tasks.recompute_stale_recommendations_task"


@pytest.fixture
def running_platform(settings, catalogs):
    """Database task queue, an empty search index, and every periodic job just run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CHANJIAO_SEARCH_BACKEND = "tantivy"
    get_backend("tantivy").clear()
    localities_load_default()
    key_industries_clear()
    indexes_forget()
    periodic_runs_record(tasks=[p.task for p in PERIODIC_TASKS], source="test")
    yield
    key_industries_clear()
    indexes_forget()


@pytest.fixture
def machining_student(student):
    """A student of 机械制造及自动化 (460104, linked to 车工 by its teaching standard)."""
    profile = StudentProfile.objects.get(user=student)
    profile.major = Major.objects.get(system="vocational", catalog_version="2021", code="460104")
    profile.skills = "CAD制图、数控编程"
    profile.save()
    return student


def _recommended(client, user) -> list[int]:
    return [item["target_id"] for item in client(user).get(ME).json()["items"]]


def _found(api_client, q: str) -> list[int]:
    return [hit["id"] for hit in api_client.get("/api/v1/search/", {"q": q}).json()["results"]]


def test_an_approved_post_reaches_search_and_recommendations_without_a_command(
    running_platform,
    machining_student,
    recruiter,
    enterprise,
    wuzhou_gov,
    client_for,
    api_client,
    django_capture_on_commit_callbacks,
    capsys,
):
    assert _recommended(client_for, machining_student) == []  # the student's list, computed
    start = timezone.now()

    with time_machine.travel(start, tick=False), django_capture_on_commit_callbacks(execute=True):
        post = listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer_for(wuzhou_gov),
            overrides={"title": "数控车床操作工", "skills": "CAD制图、数控编程"},
        )
    # The approval queued its follow-up jobs; nothing has run them yet.
    assert DBTaskResult.objects.ready().exists()
    assert post.pk not in _found(api_client, "数控车床")

    # The worker runs what the approval queued (search indexing, classification) at once.
    with time_machine.travel(start + datetime.timedelta(seconds=1), tick=False):
        ran = worker_runs_the_queue(django_capture_on_commit_callbacks)
    assert {row.status for row in ran} == {"SUCCESSFUL"}
    assert post.pk in _found(api_client, "数控车床")
    assert post.pk not in _recommended(client_for, machining_student)  # marked stale, not redone

    # Within the next scheduler turns, the job recomputing stale lists is due and queued.
    stale_job = next(p for p in PERIODIC_TASKS if p.task == STALE_JOB)
    later = start + stale_job.every + datetime.timedelta(seconds=LOOP_SECONDS)
    assert later - start < datetime.timedelta(seconds=60)
    capsys.readouterr()
    with time_machine.travel(later, tick=False):
        call_command("run_periodic_tasks")  # one turn of the scheduler's loop
        assert capsys.readouterr().out.startswith(stale_job.description)
        ran = worker_runs_the_queue(django_capture_on_commit_callbacks)
    assert [(row.task_path, row.status) for row in ran] == [(STALE_JOB, "SUCCESSFUL")]

    assert post.pk in _recommended(client_for, machining_student)
