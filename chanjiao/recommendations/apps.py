from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "chanjiao.recommendations"
    verbose_name = "精准推荐"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.listings.hooks import listing_change_handlers, profile_consent_handlers
        from chanjiao.recommendations.services import (
            recommendations_listings_changed,
            recommendations_profile_consents_changed,
        )

        listing_change_handlers.register(recommendations_listings_changed)
        profile_consent_handlers.register(recommendations_profile_consents_changed)
