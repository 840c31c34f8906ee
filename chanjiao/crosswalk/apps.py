from django.apps import AppConfig


class CrosswalkConfig(AppConfig):
    name = "chanjiao.crosswalk"
    verbose_name = "专业职业行业对应"
