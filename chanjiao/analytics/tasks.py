"""Background entry points of the analytics app."""

from django_tasks import task

from chanjiao.analytics.fill import analytics_fill


@task()
def fill_analytics_task(full: bool = False) -> dict[str, int]:
    """Fill the count tables for the years whose data changed (every year when ``full``)."""
    return {result.stat: result.rows_written for result in analytics_fill(full=full)}
