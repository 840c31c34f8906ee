"""Tasks the worker tests queue: each reads the database, slowly enough to be interrupted."""

from django.db import connection
from django_tasks import task


@task()
def slow_database_task(seconds: float) -> int:
    """Wait inside the database, then count the queue's rows (an idempotent read)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(%s)", [seconds])
        cursor.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult")
        (count,) = cursor.fetchone()
    return int(count)


@task()
def failing_task() -> None:
    raise ValueError("一个普通的错误")
