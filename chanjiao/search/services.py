"""Keeping the index in step with the listings: mark in the writer's transaction, drain in batches.

Services that change a listing call ``search_index_mark`` inside their transaction; the queue row
commits or rolls back with the change, and a task enqueued on commit drains the queue. A crash
between indexing and deleting the queue row only means the row is indexed again.
"""

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from chanjiao.listings.hooks import ListingsChanged
from chanjiao.listings.models import Listing
from chanjiao.search.backends import SearchBackend, get_backend
from chanjiao.search.documents import SearchDoc, public_documents, public_listing_ids
from chanjiao.search.models import SearchEntry, SearchQueue
from chanjiao.search.text import lexicon

DRAIN_BATCH = 1000
REBUILD_CHUNK = 5000


def search_index_mark(*, listing_ids: Iterable[int]) -> None:
    """Queue listings for re-indexing in the current transaction; drain the queue after commit."""
    rows = [SearchQueue(listing_id=listing_id) for listing_id in set(listing_ids)]
    if not rows:
        return
    SearchQueue.objects.bulk_create(rows)
    transaction.on_commit(_enqueue_drain)


def search_listings_changed(event: ListingsChanged) -> None:
    """Handler of ``listing_change_handlers``: queue the changed listings for re-indexing."""
    search_index_mark(listing_ids=event.listing_ids)


def _enqueue_drain() -> None:
    from chanjiao.search.tasks import index_dirty_listings_task  # search.tasks imports this module

    index_dirty_listings_task.enqueue()


def _tokenize(docs: list[SearchDoc]) -> list[SearchDoc]:
    lex = lexicon()
    for doc in docs:
        doc.title_tokens = lex.index_tokens(doc.title)
        doc.body_tokens = lex.index_tokens(doc.body)
        doc.occupation_tokens = list(
            dict.fromkeys(word for name in doc.occupation_names for word in lex.name_tokens(name))
        )
        doc.organization_tokens = lex.index_tokens(doc.organization_name)
    return docs


def _ledger_update(*, public_ids: set[int], gone_ids: set[int]) -> None:
    now = timezone.now()
    SearchEntry.objects.bulk_create(
        [SearchEntry(listing_id=pk, is_public=True, changed_at=now) for pk in public_ids],
        update_conflicts=True,
        unique_fields=["listing_id"],
        update_fields=["is_public", "changed_at"],
        batch_size=1000,
    )
    SearchEntry.objects.filter(listing_id__in=gone_ids, is_public=True).update(
        is_public=False, changed_at=now
    )


def search_index_update(
    *, listing_ids: Iterable[int], backend: SearchBackend | None = None
) -> None:
    """Index the given listings that are public now and remove the others from the index."""
    ids = set(listing_ids)
    backend = backend or get_backend()
    docs = _tokenize(public_documents(ids))
    public_ids = {doc.listing_id for doc in docs}
    with transaction.atomic():
        backend.write(upserts=docs, deletes=sorted(ids - public_ids))
        _ledger_update(public_ids=public_ids, gone_ids=ids - public_ids)


def search_index_drain(*, batch_size: int = DRAIN_BATCH) -> int:
    """Index every queued listing, batch by batch; return how many queue rows were handled."""
    handled = 0
    while True:
        rows = list(SearchQueue.objects.order_by("pk").values_list("pk", "listing_id")[:batch_size])
        if not rows:
            return handled
        search_index_update(listing_ids={listing_id for _, listing_id in rows})
        SearchQueue.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
        handled += len(rows)


def _chunks(workers: int) -> Iterator[list[SearchDoc]]:
    """Yield tokenised documents chunk by chunk, segmenting in worker processes when asked."""
    batches = (public_documents(ids) for ids in public_listing_ids(REBUILD_CHUNK))
    if workers <= 1:
        yield from map(_tokenize, batches)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[Future[list[SearchDoc]]] = deque()
        for docs in batches:
            pending.append(pool.submit(_tokenize, docs))
            if len(pending) >= workers * 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def search_index_rebuild(
    *,
    backend: SearchBackend | None = None,
    workers: int = 1,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Rebuild the whole index from the public listings; return how many were indexed."""
    backend = backend or get_backend()
    lexicon()  # built before forking, so worker processes inherit it
    last_queued = SearchQueue.objects.aggregate(last=Max("pk"))["last"] or 0
    indexed: set[int] = set()

    def counted() -> Iterator[list[SearchDoc]]:
        for docs in _chunks(workers):
            indexed.update(doc.listing_id for doc in docs)
            yield docs
            if progress:
                progress(len(docs))

    backend.rebuild(counted())
    with transaction.atomic():
        known = set(SearchEntry.objects.filter(is_public=True).values_list("listing_id", flat=True))
        new_ids = indexed - known
        _ledger_update(public_ids=new_ids, gone_ids=known - indexed)
        SearchQueue.objects.filter(pk__lte=last_queued).delete()
    return len(indexed)


def search_index_upgrade(*, progress: Callable[[str], object] | None = None) -> bool:
    """Rebuild the index when it was built with an older document format; return whether it did.

    Runs after ``migrate`` (``SearchConfig``), so an upgrade that changes what is indexed, or
    how, brings the index up to date without a separate step.
    """
    backend = get_backend()
    if backend.is_current():
        return False
    if not Listing.objects.public().exists():
        backend.clear()
        return True
    if progress:
        progress("检索索引的格式已更新，正在重建索引……")
    count = search_index_rebuild(backend=backend)
    if progress:
        progress(f"检索索引已重建：{count} 条公开信息。")
    return True
