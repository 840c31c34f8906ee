import sys
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "chanjiao.search"
    verbose_name = "检索"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.listings.hooks import listing_change_handlers
        from chanjiao.search.services import search_listings_changed

        listing_change_handlers.register(search_listings_changed)
        post_migrate.connect(_upgrade_index, sender=self)


def _upgrade_index(verbosity: int = 1, stdout: Any = None, **kwargs: Any) -> None:
    """After migrate: rebuild the search index if its document format is older than the code's."""
    from chanjiao.search.services import search_index_upgrade  # models are ready by now

    out = stdout or sys.stdout
    search_index_upgrade(progress=(lambda line: out.write(line + "\n")) if verbosity > 0 else None)
