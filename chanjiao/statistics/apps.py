from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "chanjiao.statistics"
    verbose_name = "统计数据"
