"""Tell the apps that keep something derived from listings that some listings changed.

Called inside the transaction of every change: the search index and the recommendations are
marked in that transaction (never silently stale, STYLE §5); the occupation of a job or
internship post is classified once the change is committed. The periodic jobs in
config/schedules.py catch up on anything a failed task left behind.
"""

from django.db import transaction


def listings_changed(listing_ids: list[int], *, classify_now: bool = True) -> None:
    """Mark the search index and the recommendations stale and classify the posts after commit.

    Bulk writers pass ``classify_now=False``: the periodic enrichment job classifies every post
    whose version moved, in batches, instead of one long task after the commit.
    """
    # Imported here: these apps import the listings models.
    from chanjiao.crosswalk.tasks import enrich_listing_ids_task
    from chanjiao.recommendations.services import recommendations_mark_stale
    from chanjiao.search.services import search_index_mark

    ids = list(listing_ids)
    search_index_mark(listing_ids=ids)
    recommendations_mark_stale(ids)
    if classify_now:
        transaction.on_commit(lambda: enrich_listing_ids_task.enqueue(listing_ids=ids))


def profile_consents_changed(profile_ids: list[int]) -> None:
    """A consent was granted or withdrawn: the lists that may show these profiles are stale."""
    from chanjiao.recommendations.services import recommendations_mark_stale

    recommendations_mark_stale(list(profile_ids))
