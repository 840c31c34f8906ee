from django.apps import AppConfig


class LocalitiesConfig(AppConfig):
    name = "chanjiao.localities"
    label = "localities"
    verbose_name = "地区配置"
