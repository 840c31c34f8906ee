from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "chanjiao.recognition"
    label = "recognition"
    verbose_name = "认定项目"

    def ready(self) -> None:
        # Imported here: app modules import models, which Django allows only once apps are ready.
        from chanjiao.localities.hooks import locality_panel_register
        from chanjiao.recognition.panels import locality_targets_panel

        locality_panel_register(locality_targets_panel)
