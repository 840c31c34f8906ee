from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "chanjiao.analytics"
    verbose_name = "供需分析"
