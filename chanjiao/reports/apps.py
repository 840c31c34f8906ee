from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "chanjiao.reports"
    verbose_name = "报告与看板"
