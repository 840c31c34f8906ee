from django.apps import AppConfig


class EarlyWarningConfig(AppConfig):
    name = "chanjiao.early_warning"
    verbose_name = "专业预警"
