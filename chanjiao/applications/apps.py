from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "chanjiao.applications"
    verbose_name = "投递与应聘"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.applications.handlers import close_applications_of_closed_post
        from chanjiao.applications.panels import listing_panel
        from chanjiao.listings.hooks import detail_panel_register, listing_transition_handlers

        listing_transition_handlers.register(close_applications_of_closed_post)
        detail_panel_register(listing_panel)
