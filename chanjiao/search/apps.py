from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "chanjiao.search"
    verbose_name = "检索"
