"""Background entry points for search."""

from django_tasks import task


@task()
def index_dirty_listings_task() -> int:
    """Drain the search queue: index public listings, remove the others."""
    from chanjiao.search.services import search_index_drain

    return search_index_drain()
