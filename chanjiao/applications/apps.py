from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "chanjiao.applications"
    verbose_name = "投递与应聘"
