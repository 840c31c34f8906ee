"""Background entry points for search."""

from django_tasks import task

from chanjiao.search.services import search_index_drain


@task()
def index_dirty_listings_task() -> int:
    """Drain the search queue: index public listings, remove the others."""
    return search_index_drain()
