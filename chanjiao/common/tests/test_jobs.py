"""Long jobs run once at a time: a second request while one waits or runs starts no other."""

import pytest
from django_tasks_db.models import DBTaskResult

from chanjiao.common.jobs import SingleFlightTask, enqueue_once, job_pending
from chanjiao.forecasting.tasks import compute_all_forecasts_task, compute_forecasts_task
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.reports.tasks import publish_reports_task, refresh_reports_task

pytestmark = pytest.mark.django_db

COMPUTE = "/api/v1/forecasts/4504/compute/"


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database, as `chanjiao serve` and production run them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _jobs(task) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at"))


def test_a_second_forecast_request_while_one_runs_starts_no_other(
    database_tasks, catalogs, staff_user, client_for, django_capture_on_commit_callbacks
):
    localities_load_default()
    client = client_for(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(COMPUTE).status_code == 202
    [job] = _jobs(compute_forecasts_task)
    job.claim("worker-1")  # the worker is running it

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(COMPUTE)

    assert response.status_code == 202
    assert "已提交" in response.json()["message"]
    assert [j.pk for j in _jobs(compute_forecasts_task)] == [job.pk]

    job.set_successful({})  # once it finished, a new request queues a new run
    with django_capture_on_commit_callbacks(execute=True):
        client.post(COMPUTE)
    assert len(_jobs(compute_forecasts_task)) == 2


def test_a_waiting_job_is_joined_only_with_the_same_arguments(database_tasks, catalogs):
    localities_load_default()
    wuzhou, other = Locality.objects.order_by("pk")[:2]

    first = compute_forecasts_task.enqueue(wuzhou.pk)
    again = enqueue_once(compute_forecasts_task, wuzhou.pk)
    elsewhere = compute_forecasts_task.enqueue(other.pk)

    assert again.id == first.id
    assert elsewhere.id != first.id
    assert job_pending(compute_forecasts_task, wuzhou.pk).id == first.id
    assert len(_jobs(compute_forecasts_task)) == 2


def test_the_immediate_backend_has_nothing_waiting_to_join():
    assert job_pending(refresh_reports_task) is None


@pytest.mark.parametrize(
    "task",
    [
        compute_forecasts_task,
        compute_all_forecasts_task,
        refresh_reports_task,
        publish_reports_task,
    ],
)
def test_forecast_and_report_jobs_are_single_flight(task):
    assert isinstance(task, SingleFlightTask)
