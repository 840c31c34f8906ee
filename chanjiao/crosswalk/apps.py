from django.apps import AppConfig


class CrosswalkConfig(AppConfig):
    name = "chanjiao.crosswalk"
    verbose_name = "专业职业行业对应"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.crosswalk.occupation_guess import occupation_guess_for_post
        from chanjiao.crosswalk.tasks import enrich_listings_changed
        from chanjiao.listings.hooks import listing_change_handlers, occupation_guesser_register

        listing_change_handlers.register(enrich_listings_changed, on_commit=True)
        occupation_guesser_register(occupation_guess_for_post)
