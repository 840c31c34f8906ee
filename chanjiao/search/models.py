"""The search queue and the ledger of what the index last published.

The index itself lives in the search backend (a tantivy directory, or the PostgreSQL side table
``search_document`` created by this app's migrations); these tables make it follow the listings.
"""

from django.db import models
from django.utils import timezone


class SearchQueue(models.Model):
    """A listing whose index entry must be refreshed; written in the transaction of the change."""

    listing_id = models.BigIntegerField("信息编号", db_index=True)
    enqueued_at = models.DateTimeField("入队时间", default=timezone.now)

    class Meta:
        verbose_name = "待更新索引"
        verbose_name_plural = verbose_name
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.listing_id} @ {self.enqueued_at:%Y-%m-%d %H:%M:%S}"


class SearchEntry(models.Model):
    """Whether a listing is in the public index, and when that last changed (for re-users)."""

    listing_id = models.BigIntegerField("信息编号", primary_key=True)
    is_public = models.BooleanField("公开可检索", default=True)
    changed_at = models.DateTimeField("变更时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "检索变更记录"
        verbose_name_plural = verbose_name
        ordering = ["changed_at", "listing_id"]

    def __str__(self) -> str:
        return f"{self.listing_id} {'公开' if self.is_public else '已撤下'}"
