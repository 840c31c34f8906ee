from django.apps import AppConfig


class InternshipsConfig(AppConfig):
    name = "chanjiao.internships"
    label = "internships"
    verbose_name = "实习管理"
