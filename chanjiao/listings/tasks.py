"""Background entry points for supply and demand items."""

from django_tasks import task

from chanjiao.listings.services import listings_advance


@task()
def advance_listings_task() -> dict[str, int]:
    """Publish approved items whose start date has come; expire those past their end date."""
    return listings_advance()
