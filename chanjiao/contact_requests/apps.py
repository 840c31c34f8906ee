from django.apps import AppConfig


class ContactRequestsConfig(AppConfig):
    name = "chanjiao.contact_requests"
    verbose_name = "联系学校"

    def ready(self) -> None:
        # Imported here: the panels module loads models, so the registry must be ready.
        from chanjiao.catalogs.hooks import major_panel_register
        from chanjiao.contact_requests.panels import listing_panel, major_panel
        from chanjiao.listings.hooks import detail_panel_register

        detail_panel_register(listing_panel)
        major_panel_register(major_panel)
