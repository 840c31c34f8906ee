from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "chanjiao.common"
    label = "common"
    verbose_name = "公共设施"

    def ready(self) -> None:
        # Registers the deploy check of the personal-data key ring.
        from chanjiao.common.crypto import checks  # noqa: F401
