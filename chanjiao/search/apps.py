from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "chanjiao.search"
    verbose_name = "检索"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.listings.hooks import listing_change_handlers
        from chanjiao.search.services import search_listings_changed

        listing_change_handlers.register(search_listings_changed)
