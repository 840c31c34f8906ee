"""Background entry points of the crosswalk app."""

from django_tasks import task

from chanjiao.crosswalk.services import (
    industry_links_infer,
    industry_links_observe,
    listings_enrich_for,
    listings_enrich_pending,
    major_links_infer,
)
from chanjiao.crosswalk.services.refit import classifier_refit
from chanjiao.listings.hooks import ListingsChanged


@task()
def enrich_listings_task() -> dict[str, int]:
    """Classify every post whose classification is missing or stale, then recount industries."""
    classified = listings_enrich_pending()
    industries = industry_links_observe()
    return {"classified": classified, **industries}


@task()
def enrich_listing_ids_task(*, listing_ids: list[int]) -> int:
    """Classify the given posts (after publish or edit)."""
    return listings_enrich_for(listing_ids)


@task()
def refit_classifier_task() -> dict[str, object]:
    """Re-fit the title classifier with the labels confirmed since the last fit."""
    return classifier_refit()


@task()
def infer_major_links_task() -> dict[str, int]:
    """Rewrite the proposed inferred links of majors without teaching-standard links."""
    return major_links_infer()


@task()
def infer_industry_links_task() -> dict[str, int]:
    """Rewrite the proposed inferred occupation → industry links from the reference texts."""
    return industry_links_infer()


def enrich_listings_changed(event: ListingsChanged) -> None:
    """On-commit handler of ``listing_change_handlers``: classify the changed posts.

    Bulk writers send ``classify_now=False``; the periodic enrichment job classifies those.
    """
    if event.classify_now:
        enrich_listing_ids_task.enqueue(listing_ids=list(event.listing_ids))
