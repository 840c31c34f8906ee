from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "chanjiao.subscriptions"
    verbose_name = "订阅与站内信"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.listings.hooks import listing_published_handlers, listing_transition_handlers
        from chanjiao.subscriptions.tasks import (
            notify_listing_transitioned,
            notify_subscribers_published,
        )

        listing_published_handlers.register(notify_subscribers_published, on_commit=True)
        listing_transition_handlers.register(notify_listing_transitioned, on_commit=True)
