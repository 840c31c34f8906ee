from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "chanjiao.common"
    label = "common"
    verbose_name = "公共设施"
