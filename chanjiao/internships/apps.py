from django.apps import AppConfig


class InternshipsConfig(AppConfig):
    name = "chanjiao.internships"
    label = "internships"
    verbose_name = "实习管理"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.internships.panels import listing_panel
        from chanjiao.listings.hooks import detail_panel_register

        detail_panel_register(listing_panel)
