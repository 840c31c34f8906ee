"""Background entry points of the analytics app."""

from django_tasks import task


@task()
def fill_analytics_task(full: bool = False) -> dict[str, int]:
    """Fill the count tables for the years whose data changed (every year when ``full``)."""
    from chanjiao.analytics.fill import analytics_fill

    return {result.stat: result.rows_written for result in analytics_fill(full=full)}
